# Tuple constructors: empty, comma/newline separated, trailing commas, nested.
locals {
  empty        = []
  empty_spaced = [ ]
  one          = [1]
  trailing     = [1, 2, 3,]
  mixed_types  = ["a", 1, true, null, 1.5]
  nested       = [[1, 2], [], [[3]], [[], [[]]]]

  multi_line = [
    "a",
    "b",
    "c",
  ]

  multi_line_no_trailing = [
    "a",
    "b"
  ]

  several_per_line = [
    1, 2, 3,
    4, 5, 6
  ]

  with_objects = [
    { name = "x" },
    {
      name = "y"
    },
  ]

  index_literal = [10, 20, 30][1]
}
