# `for` as an argument name in a block body (not an expression), then many spaces.
b {
  for                              = 1
  c {
    for /* a */ = /* for x in y */ [for k in [] : {for v in [] : v => k}]
  }
}
