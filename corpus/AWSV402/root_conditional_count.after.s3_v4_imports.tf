# One-off imports for the AWS provider v4 S3 split (written by tffix, AWSV4).
#
# Provider v4 moved these bucket settings out of aws_s3_bucket into resources
# of their own. Creating them applies the same settings, so importing is
# optional: it keeps `terraform plan` free of creations where the buckets exist.
#
# Apply once in each existing environment (`terraform plan` shows the imports),
# then delete this file. A new environment must not carry it: importing a
# bucket that does not exist yet fails the plan ("Cannot import non-existent
# remote object").
#
# https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-4-upgrade#s3-bucket-refactor
# https://developer.hashicorp.com/terraform/language/import

# Imports that cannot be import blocks here (each line says why): run each
# command once in every environment whose bucket exists, then delete its line.
# aws_s3_bucket_server_side_encryption_configuration.logs[INDEX]: terraform import 'aws_s3_bucket_server_side_encryption_configuration.logs[INDEX]' "$(echo 'aws_s3_bucket.logs[INDEX].id' | terraform console | tr -d '"')" (INDEX: each of 0 to count - 1, count = var.create_logs ? 1 : 0; the name is read from the state: run it where `terraform init` has set up that environment's backend, as `terraform plan` would (https://developer.hashicorp.com/terraform/cli/commands/console#scripting); no import block: it has count, and no required_version ensures Terraform >= 1.7 (import blocks with for_each))
# aws_s3_bucket_server_side_encryption_configuration.fixed[0]: terraform import 'aws_s3_bucket_server_side_encryption_configuration.fixed[0]' 'acme-fixed-0' (no import block: it has count, and no required_version ensures Terraform >= 1.7 (import blocks with for_each))
# aws_s3_bucket_server_side_encryption_configuration.fixed[1]: terraform import 'aws_s3_bucket_server_side_encryption_configuration.fixed[1]' 'acme-fixed-1' (no import block: it has count, and no required_version ensures Terraform >= 1.7 (import blocks with for_each))
