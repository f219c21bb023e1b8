"""Drafting claims from an article: the figures, qualifiers, speakers and dates in a
text, offered for review, and accepting the drafts a reporter chose."""
