"""Server-side SVG: the world choropleth and the bar charts (pure, no Django import).

Drawing on the server keeps the pages free of chart libraries and inline scripts (strict CSP),
and the pictures are there without JavaScript; each one ships with an accessible table.
"""
