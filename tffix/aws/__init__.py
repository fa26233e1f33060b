"""What tffix knows about AWS, shared by codemods: one module per subject.

Each table here carries its source (provider documentation, AWS service
documentation), so a reviewer can check a fact where it is written down.
Codemods ask questions of this layer ("may this role write X-Ray traces?",
"which services deliver to this bucket?") rather than keeping private copies.
"""
