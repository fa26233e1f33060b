locals {
  a = 1 # one
  bbb = 2 # two

  # a comment
  c = [
  1,
    2,
  ]
}
