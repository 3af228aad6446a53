//go:build tools

// Package tools pins the build tools and data sources used by `make docs` and
// `make generate`. Nothing here is compiled into the provider.
package tools

import (
	// Documentation generator run by `make docs`.
	_ "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs"
	// Source of the VPC CNI's instance networking limits, read (never imported
	// at run time) by cmd/geninstances. Pinned here so `go mod download` fetches
	// exactly this version.
	_ "github.com/aws/amazon-vpc-cni-k8s/pkg/vpc"
)
