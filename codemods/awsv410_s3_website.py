"""AWSV410 s3-v4-website: a bucket's ``website`` block becomes
aws_s3_bucket_website_configuration.

``index_document`` and ``error_document`` (strings) become blocks with
``suffix`` and ``key``; ``redirect_all_requests_to`` (a host, optionally
with ``http://``/``https://``) becomes a block with ``host_name`` and
``protocol``; ``routing_rules`` (a JSON string) keeps its name.
"""

from __future__ import annotations

import re
from typing import ClassVar

from tffix.aws.s3_split import (
    S3Split,
    Translation,
    explanation,
    item_text,
    literal,
    optional_block,
)
from tffix.engine.codemod import ModuleContext
from tffix.syntax import nodes as n

_RESOURCE = "aws_s3_bucket_website_configuration"
_KNOWN = ("index_document", "error_document", "redirect_all_requests_to", "routing_rules")


class S3V4Website(S3Split):
    """``website { ... }`` -> ``aws_s3_bucket_website_configuration``."""

    code = "AWSV410"
    name = "s3-v4-website"
    summary = (
        "AWS provider v4: move a bucket's website block to aws_s3_bucket_website_configuration"
    )
    inline = ("website",)
    resource = _RESOURCE
    dynamic_form = "single"
    reads: ClassVar[dict[str, str]] = {
        ".website_endpoint": "{r}.website_endpoint",
        ".website_domain": "{r}.website_domain",
        ".website[0].index_document": "{r}.index_document[0].suffix",
        ".website[0].error_document": "{r}.error_document[0].key",
    }
    attributes = ("website_endpoint", "website_domain")
    # Provider 4.15.0 (3.x from 3.75.2: not confirmed), not 3.75.0/4.0.0 like the resource.
    later_arguments: ClassVar[dict[str, tuple[str, str]]] = {
        "routing_rules": (_RESOURCE, "routing_rules")
    }
    documentation = (
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-4-upgrade#website-website_domain-and-website_endpoint-arguments",
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_website_configuration",
    )
    explanation = explanation(
        "`website` block",
        _RESOURCE,
        """
`index_document = "index.html"` becomes `index_document { suffix = ... }`,
`error_document` becomes `error_document { key = ... }`,
`redirect_all_requests_to = "https://example.com"` becomes
`redirect_all_requests_to { host_name = "example.com", protocol = "https" }`
(an expression there is left for a person), and `routing_rules` keeps its
JSON. That argument of the new resource came later than the resource itself
(provider 4.15.0; a backport to the 3.x line was merged, but no 3.x release
note found says which release has it): where the module allows a provider
without it, or a 3.x one (4.0 to 4.14, any 3.x), the bucket is reported with
the version it needs (the raise_provider_constraint option raises the
constraint to `~> 4.15` instead). The bucket's `website_endpoint` and
`website_domain` attributes stay readable in v4 (deprecated); the new
resource has them too.
""",
        """\
    resource "aws_s3_bucket" "site" {
      bucket = "my-site"
    -
    -  website {
    -    index_document = "index.html"
    -    error_document = "error.html"
    -  }
    }
    +
    +resource "aws_s3_bucket_website_configuration" "site" {
    +  bucket = aws_s3_bucket.site.id
    +
    +  index_document {
    +    suffix = "index.html"
    +  }
    +
    +  error_document {
    +    key = "error.html"
    +  }
    +}

    s3_v4_imports.tf (apply once in each existing environment, then delete it):

    +import {
    +  to = aws_s3_bucket_website_configuration.site
    +  id = "my-site"
    +}
""",
    )

    def translate(
        self, ctx: ModuleContext, bucket: n.Block, items: list[n.Attribute | n.Block]
    ) -> Translation:
        if len(items) != 1 or not isinstance(items[0], n.Block):
            return Translation(manual="more than one website block: merge them by hand")
        body = items[0].body
        other = [i for i in body.items if not isinstance(i, n.Attribute) or i.name not in _KNOWN]
        if other:
            return Translation(manual="a website block with settings this rule does not know")
        lines: list[str] = []
        for name, field in (("index_document", "suffix"), ("error_document", "key")):
            attribute = body.attribute(name)
            if attribute is not None:
                lines += [
                    *([""] if lines else []),
                    *optional_block(name, field, attribute.value, ctx),
                ]
        redirect = body.attribute("redirect_all_requests_to")
        if redirect is not None:
            target = literal(redirect.value)
            split = _template_target(redirect.value) if not isinstance(target, str) else None
            if isinstance(target, str):
                protocol, _, host = target.rpartition("://")
                block = [f'  host_name = "{host}"']
                if protocol:
                    block.append(f'  protocol  = "{protocol}"')
            elif split is not None:
                protocol, host = split
                block = [f"  host_name = {host}", f'  protocol  = "{protocol}"']
            else:
                return Translation(
                    manual="redirect_all_requests_to is an expression: write "
                    "redirect_all_requests_to { host_name, protocol } by hand"
                )
            lines += [*([""] if lines else []), "redirect_all_requests_to {", *block, "}"]
        rules = body.attribute("routing_rules")
        if rules is not None:
            lines += [*([""] if lines else []), *item_text(rules, 0)]
        return Translation(body=lines)


_SCHEME = re.compile(r'"(https?)://')


def _template_target(value: n.Expression) -> tuple[str, str] | None:
    """(protocol, host_name) of a redirect written ``"https://${...}..."``: provider v3
    split the URL into the scheme and the rest (host, path and query), and the scheme
    is written out here, so the rest is the host's template (``local.site`` alone where
    it is the one interpolation). None where the scheme is not literal, or the literal
    text holds a fragment or a second scheme, which v3 handled otherwise."""
    if not isinstance(value, n.TemplateString):
        return None
    code = value.code.strip()
    found = _SCHEME.match(code)
    if found is None:
        return None
    rest = '"' + code[found.end() :]
    parts = value.children[1:-1]
    literal_text = "".join(p.code for p in parts if isinstance(p, n.TemplateLiteral))
    if rest == '""' or "#" in literal_text or literal_text.count("://") != 1:
        return None
    scheme_only = found.group(0)[1:]
    inner = [p for p in parts if not (isinstance(p, n.TemplateLiteral) and p.code == scheme_only)]
    if len(inner) == 1 and isinstance(inner[0], n.Interpolation):
        expr = [c for c in inner[0].children if isinstance(c, n.Expression)]
        if len(expr) == 1:
            return found.group(1), expr[0].code.strip()
    return found.group(1), rest
