﻿# This file starts with two UTF-8 byte order marks.
variable "v" {}
