variable "name" {
  type = "string"
}

resource "aws_s3_bucket" "logs" {
  bucket = "${var.name}-logs"
  acl    = "private"

  depends_on = ["aws_iam_role.writer"]
}

resource "aws_iam_role" "writer" {
  name               = "${var.name}-writer"
  assume_role_policy = "${file("trust.json")}"
}
