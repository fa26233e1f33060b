# Refactoring blocks: moved, import (with for_each and id), removed.
moved {
  from = aws_instance.old
  to   = aws_instance.new
}

moved {
  from = module.a.aws_instance.x["key"]
  to   = module.b[0].aws_instance.x
}

import {
  to = aws_s3_bucket.logs
  id = "my-logs-bucket"
}

import {
  for_each = { a = "id-a", b = "id-b" }
  to       = aws_s3_bucket.many[each.key]
  id       = each.value
  provider = aws.west
}

removed {
  from = aws_instance.gone

  lifecycle {
    destroy = false
  }
}

check "health" {
  assert {
    condition     = 1 + 1 == 2
    error_message = "Math is broken."
  }
}
