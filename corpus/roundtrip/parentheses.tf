# Parenthesised expressions: redundant, nested, multi-line, around traversals.
locals {
  obj = { a = [1, 2] }

  single   = (1)
  doubled  = ((1))
  deep     = ((((1 + 2))))
  grouping = (1 + 2) * 3
  traverse = (local.obj).a[0]
  splat    = ([{ x = 1 }])[*].x
  string   = ("s")
  spaced   = ( 1 + 2 )

  multi = (
    1 +
    2 +
    3
  )

  nested_multi = (
    (
      4
    )
  )
}
