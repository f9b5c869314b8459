"""The case file: a header that says who this is and where the case stands, and its tabs."""
