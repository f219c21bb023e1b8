"""What the tool knows before it reads a row: where a package keeps its files, its
descriptor and schemas, what a qualifier and a status mean, what a problem is.

Standard library only, so that the command line can use it without starting pandas.
"""
