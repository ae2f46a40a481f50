"""The workbook (cahier d'exercices): exercises whose legal answers the engines compute.

``exercises.yaml`` holds the situations, quizzes and the small case; :mod:`.exercises`
loads them and builds each exercise's project file; :mod:`coopdec.guide.workbook_service`
computes answers with the rules engine and the funding finder and explains them.
"""
