"""JSON text, read and edited losslessly (``.tf.json``, ``.tfvars.json``).

``document``: the values of a JSON text with the spans they cover;
``edit``: minimal, order-preserving edits in the file's own style;
``hcl``: Terraform's JSON configuration as HCL for codemods, and their
edits back as JSON edits.
"""
