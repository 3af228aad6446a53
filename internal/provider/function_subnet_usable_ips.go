package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ekssize/terraform-provider-ekssize/internal/sizing"
)

var _ function.Function = (*subnetUsableIPsFunction)(nil)

// NewSubnetUsableIPsFunction is provider::ekssize::subnet_usable_ips.
func NewSubnetUsableIPsFunction() function.Function { return &subnetUsableIPsFunction{} }

type subnetUsableIPsFunction struct{}

func (f *subnetUsableIPsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "subnet_usable_ips"
}

func cidrBlockParameter() function.StringParameter {
	return function.StringParameter{
		Name: "cidr_block",
		MarkdownDescription: "The subnet's IPv4 CIDR block (`aws_subnet.cidr_block`), /16 to /28, such as `10.0.0.0/24`. " +
			"IPv6 blocks and other sizes are errors.",
	}
}

func (f *subnetUsableIPsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Usable IPv4 addresses of a subnet: 2^(32 - prefix length) - 5",
		MarkdownDescription: "Returns `usable_ips` of the `ekssize_subnet_capacity` data source's `subnet_results` for `cidr_block`: " +
			"the addresses in the block minus the 5 AWS reserves in every subnet (network, VPC router, DNS, future use, broadcast), " +
			"e.g. 251 for a /24. The block is parsed as the data source parses it: anything outside /16 to /28 or not IPv4 is an " +
			"error. An unknown argument gives an unknown result; null is an error.",
		Parameters: []function.Parameter{cidrBlockParameter()},
		Return:     function.Int64Return{},
	}
}

func (f *subnetUsableIPsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var cidr types.String
	if resp.Error = req.Arguments.Get(ctx, &cidr); resp.Error != nil {
		return
	}
	if cidr.IsNull() {
		resp.Error = nullArgError(0, "cidr_block", `give an IPv4 CIDR block such as "10.0.0.0/24"`)
		return
	}
	c := funcCall{
		dataSource: "ekssize_subnet_capacity",
		positional: map[string]int64{sizing.FieldCIDRBlock: 0},
	}
	// The same conversion and parse as the data source's subnets, with the
	// subnet's attributes at the top level (path "").
	spec, _ := subnetModel{CIDRBlock: cidr}.toCore("")
	s, err := sizing.ParseSubnet("", spec)
	if resp.Error = c.fail(nil, err); resp.Error != nil {
		return
	}
	resp.Error = resp.Result.Set(ctx, int64(s.UsableIPs()))
}
