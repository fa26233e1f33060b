# Object constructors: separators, trailing commas, key forms, = and :.
locals {
  key_var = "dyn"

  empty       = {}
  comma_sep   = { a = 1, b = 2, c = 3 }
  trailing    = { a = 1, b = 2, }
  colon       = { a: 1, b: 2 }
  mixed_assign = { a = 1, "b": 2 }

  newline_sep = {
    ident      = 1
    "string"   = 2
    "with space" = 3
    (local.key_var) = 4
    "${local.key_var}-x" = 5
  }

  newline_and_commas = {
    a = 1,
    b = 2,
  }

  nested = {
    inner = {
      deeper = { x = [1, 2] }
    }
    list = [{ k = "v" }]
  }

  keyword_keys = {
    if     = 1
    for    = 2
    in     = 3
    true   = 4
    null   = 5
    endfor = 6
  }
}
