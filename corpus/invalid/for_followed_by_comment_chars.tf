# `for` right after an object's `{`, then only comment characters (once exponential to scan).
a = {
  for####################
}
