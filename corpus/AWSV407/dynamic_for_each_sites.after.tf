provider "aws" {
  region = "eu-west-2"
}

variable "sites" {
  type = map(object({
    origins = list(string)
  }))
  default = {
    www = { origins = ["https://www.example.com"] }
    api = { origins = [] }
  }
}

resource "aws_s3_bucket" "site" {
  for_each = var.sites
  bucket   = "example-site-${each.key}"
}

resource "aws_s3_bucket_cors_configuration" "site" {
  for_each = var.sites

  bucket = aws_s3_bucket.site[each.key].id

  dynamic "cors_rule" {
    for_each = length(each.value.origins) > 0 ? [each.value.origins] : []
    iterator = origins

    content {
      allowed_methods = ["GET", "HEAD"]
      allowed_origins = origins.value
      max_age_seconds = 3600
    }
  }

  cors_rule {
    allowed_methods = ["PUT"]
    allowed_origins = ["https://upload.example.com"]
  }
}
