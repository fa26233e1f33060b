# Raw control characters (SOH, form feed, DEL, tab) inside quoted strings.
locals {
  soh = "ab"
  ff  = "ab"
  del = "ab"
  tab = "a	b"
}
