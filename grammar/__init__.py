"""The HCL2 grammar, installed as ``tffix.grammar`` so the tables can be rebuilt anywhere."""
