resource "aws_iam_role" "sfn" {
  name = "orders"

  assume_role_policy = <<-EOT
    ${data.aws_iam_policy_document.step_functions_assume_role.json}
  EOT

  depends_on = [data.aws_iam_policy_document.step_functions_assume_role]
}
