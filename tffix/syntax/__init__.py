"""Scanner, grammar tables, parser and CST nodes: text in, lossless tree out."""
