# Invalid UTF-8 is accepted inside comments (but not in strings): ÿþ
locals {
  a = 1 /* lone continuation byte € */
  b = "valid utf-8: Ã©" // truncated sequence Ã
}
