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
# aws_s3_bucket_acl.static: terraform import 'aws_s3_bucket_acl.static' 'acme-static-assets,public-read' (no import block: no required_version ensures Terraform >= 1.5 (import blocks))
# aws_s3_bucket_acl.env: terraform import 'aws_s3_bucket_acl.env' "$(echo 'aws_s3_bucket.env.id' | terraform console | tr -d '"')"',log-delivery-write' (the name is read from the state: run it where `terraform init` has set up that environment's backend, as `terraform plan` would (https://developer.hashicorp.com/terraform/cli/commands/console#scripting); no import block: its name is an expression, and no required_version ensures Terraform >= 1.6 (import ids that are expressions))
# aws_s3_bucket_acl.team["KEY"]: terraform import 'aws_s3_bucket_acl.team["KEY"]' "$(echo 'aws_s3_bucket.team["KEY"].id' | terraform console | tr -d '"')"',log-delivery-write' (KEY: each key of for_each = var.teams; the name is read from the state: run it where `terraform init` has set up that environment's backend, as `terraform plan` would (https://developer.hashicorp.com/terraform/cli/commands/console#scripting); no import block: it has for_each, and no required_version ensures Terraform >= 1.7 (import blocks with for_each))
# aws_s3_bucket_acl.regional[INDEX]: terraform import 'aws_s3_bucket_acl.regional[INDEX]' "$(echo 'aws_s3_bucket.regional[INDEX].id' | terraform console | tr -d '"')"',log-delivery-write' (INDEX: each of 0 to count - 1, count = length(var.regions); the name is read from the state: run it where `terraform init` has set up that environment's backend, as `terraform plan` would (https://developer.hashicorp.com/terraform/cli/commands/console#scripting); no import block: it has count, and no required_version ensures Terraform >= 1.7 (import blocks with for_each))
# aws_s3_bucket_acl.scratch: terraform import 'aws_s3_bucket_acl.scratch' "$(echo 'aws_s3_bucket.scratch.id' | terraform console | tr -d '"')"',log-delivery-write' (the name is read from the state: run it where `terraform init` has set up that environment's backend, as `terraform plan` would (https://developer.hashicorp.com/terraform/cli/commands/console#scripting); no import block: aws_s3_bucket.scratch has bucket_prefix: the provider generates its name)
# aws_s3_bucket_acl.random: terraform import 'aws_s3_bucket_acl.random' "$(echo 'aws_s3_bucket.random.id' | terraform console | tr -d '"')"',log-delivery-write' (the name is read from the state: run it where `terraform init` has set up that environment's backend, as `terraform plan` would (https://developer.hashicorp.com/terraform/cli/commands/console#scripting); no import block: it refers to `random_id.suffix.hex`, known only after apply)
# aws_s3_bucket_acl.account: terraform import 'aws_s3_bucket_acl.account' "$(echo 'aws_s3_bucket.account.id' | terraform console | tr -d '"')"',log-delivery-write' (the name is read from the state: run it where `terraform init` has set up that environment's backend, as `terraform plan` would (https://developer.hashicorp.com/terraform/cli/commands/console#scripting); no import block: it uses local.account: it refers to `data.aws_caller_identity.current.account_id`, a data source read during the plan)
