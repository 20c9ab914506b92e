# The console's static build (dist/apps/web/public) in a private bucket behind CloudFront. /api/* and
# /auth/* go to the load balancer, so browsers see one origin (session cookies, SAML ACS, SSE).

resource "aws_s3_bucket" "console" {
  count         = var.console_enabled ? 1 : 0
  bucket_prefix = "${local.name}-console-"
}

resource "aws_s3_bucket_public_access_block" "console" {
  count                   = var.console_enabled ? 1 : 0
  bucket                  = aws_s3_bucket.console[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "console" {
  count  = var.console_enabled ? 1 : 0
  bucket = aws_s3_bucket.console[0].id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_versioning" "console" {
  count  = var.console_enabled ? 1 : 0
  bucket = aws_s3_bucket.console[0].id
  versioning_configuration {
    status = "Enabled" # a bad console upload is rolled back by restoring the previous versions
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "console" {
  count  = var.console_enabled ? 1 : 0
  bucket = aws_s3_bucket.console[0].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_cloudfront_origin_access_control" "console" {
  count                             = var.console_enabled ? 1 : 0
  name                              = "${local.name}-console"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

# The console routes in the browser: a path without a file extension is the app's index.html. Only on the
# console's behaviour (a custom error page would also rewrite the gateway's own 403 and 404 answers).
resource "aws_cloudfront_function" "console_routes" {
  count   = var.console_enabled ? 1 : 0
  name    = "${local.name}-console-routes"
  runtime = "cloudfront-js-2.0"
  publish = true
  code    = <<-JS
    function handler(event) {
      var request = event.request;
      if (!/\.[A-Za-z0-9]+$/.test(request.uri)) request.uri = '/index.html';
      return request;
    }
  JS
}

data "aws_cloudfront_cache_policy" "optimized" {
  count = var.console_enabled ? 1 : 0
  name  = "Managed-CachingOptimized"
}

data "aws_cloudfront_cache_policy" "disabled" {
  count = var.console_enabled ? 1 : 0
  name  = "Managed-CachingDisabled"
}

data "aws_cloudfront_origin_request_policy" "all_viewer" {
  count = var.console_enabled ? 1 : 0
  name  = "Managed-AllViewerExceptHostHeader"
}

# The console's files get the headers the services give every answer (libs/platform security-headers.ts):
# only our own scripts, styles and connections, never framed, HSTS for a year, no Referer.
resource "aws_cloudfront_response_headers_policy" "console" {
  count = var.console_enabled ? 1 : 0
  name  = "${local.name}-console"

  security_headers_config {
    content_security_policy {
      content_security_policy = join("; ", [
        "default-src 'self'", "base-uri 'self'", "connect-src 'self'", "font-src 'self'", "form-action 'self'",
        "frame-ancestors 'none'", "img-src 'self'", "object-src 'none'", "script-src 'self'",
        "script-src-attr 'none'", "style-src 'self'",
      ])
      override = true
    }
    strict_transport_security {
      access_control_max_age_sec = 31536000
      include_subdomains         = true
      override                   = true
    }
    content_type_options {
      override = true
    }
    frame_options {
      frame_option = "DENY"
      override     = true
    }
    referrer_policy {
      referrer_policy = "no-referrer"
      override        = true
    }
  }
}

resource "aws_cloudfront_distribution" "console" {
  count               = var.console_enabled ? 1 : 0
  enabled             = true
  comment             = "Mosaic Contingency console (${var.environment})"
  default_root_object = "index.html"
  aliases             = var.console_aliases
  price_class         = "PriceClass_100"
  http_version        = "http2and3"

  origin {
    origin_id                = "console"
    domain_name              = aws_s3_bucket.console[0].bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.console[0].id
  }

  origin {
    origin_id   = "gateway"
    domain_name = var.alb_domain_name
    custom_origin_config {
      http_port                = 80
      https_port               = 443
      origin_protocol_policy   = "https-only"
      origin_ssl_protocols     = ["TLSv1.2"]
      origin_read_timeout      = var.console_origin_read_timeout
      origin_keepalive_timeout = 60
    }
  }

  default_cache_behavior {
    target_origin_id           = "console"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = data.aws_cloudfront_cache_policy.optimized[0].id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.console[0].id

    function_association {
      event_type   = "viewer-request"
      function_arn = aws_cloudfront_function.console_routes[0].arn
    }
  }

  dynamic "ordered_cache_behavior" {
    for_each = ["/api/*", "/auth/*"]
    content {
      path_pattern             = ordered_cache_behavior.value
      target_origin_id         = "gateway"
      viewer_protocol_policy   = "https-only"
      allowed_methods          = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]
      cached_methods           = ["GET", "HEAD"]
      compress                 = false # SSE and CSV downloads stream as they are
      cache_policy_id          = data.aws_cloudfront_cache_policy.disabled[0].id
      origin_request_policy_id = data.aws_cloudfront_origin_request_policy.all_viewer[0].id
    }
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = var.console_certificate_arn == null
    acm_certificate_arn            = var.console_certificate_arn
    ssl_support_method             = var.console_certificate_arn == null ? null : "sni-only"
    minimum_protocol_version       = var.console_certificate_arn == null ? "TLSv1" : "TLSv1.2_2021"
  }
}

data "aws_iam_policy_document" "console_bucket" {
  count = var.console_enabled ? 1 : 0
  statement {
    sid       = "CloudFrontReadsTheConsole"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.console[0].arn}/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.console[0].arn]
    }
  }
}

resource "aws_s3_bucket_policy" "console" {
  count  = var.console_enabled ? 1 : 0
  bucket = aws_s3_bucket.console[0].id
  policy = data.aws_iam_policy_document.console_bucket[0].json
}
