"""Funding programmes (calls, joint funds, facilities, 1 % mechanisms), browsable and dated."""
