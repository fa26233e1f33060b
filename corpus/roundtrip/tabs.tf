# Tabs used for indentation, alignment and inside strings/heredocs.
resource	"null_resource"	"tabbed" {
	triggers = {
		a	= 1
		bb	= "x	y"
	}
	list = [	1,	2	]
}

locals {
	text = <<-EOT
		tab indented heredoc
			deeper
	EOT
	mixed = 1 	+	 2	# trailing tab comment
}
