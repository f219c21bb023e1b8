"""Bytes in and out: text files, CSV files read exactly as written, rows as plain
dicts, and writes that are locked, atomic and byte for byte."""
