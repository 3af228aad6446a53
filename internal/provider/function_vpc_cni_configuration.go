package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ function.Function = (*vpcCNIConfigurationFunction)(nil)

// NewVPCCNIConfigurationFunction is provider::ekssize::vpc_cni_configuration.
func NewVPCCNIConfigurationFunction() function.Function { return &vpcCNIConfigurationFunction{} }

type vpcCNIConfigurationFunction struct{}

var vpcCNIConfigurationOptionSet = newFuncOptions(networkingAttributes(), warmTargetsAttributes())

func (f *vpcCNIConfigurationFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "vpc_cni_configuration"
}

func (f *vpcCNIConfigurationFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "configuration_values JSON for the vpc-cni EKS add-on, as ekssize_vpc_cni_configuration computes it",
		MarkdownDescription: "Returns `configuration_values` of the `ekssize_vpc_cni_configuration` data source: the `vpc-cni` " +
			"`aws_eks_addon` configuration that makes the CNI behave as the sizing with the same options assumed " +
			"(`vpc_cni_configuration({ prefix_delegation = true })` is `{\"env\":{\"ENABLE_PREFIX_DELEGATION\":\"true\",\"WARM_PREFIX_TARGET\":\"1\"}}`). " +
			"The same core code, validation and messages as the data source. Unknown options give an unknown result.\n\n" +
			"Options (each as the data source attribute of the same name):\n\n" + vpcCNIConfigurationOptionSet.markdownTable(),
		VariadicParameter: vpcCNIConfigurationOptionSet.parameter("ekssize_vpc_cni_configuration"),
		Return:            function.StringReturn{},
	}
}

func (f *vpcCNIConfigurationFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var opts []types.Dynamic
	if resp.Error = req.Arguments.Get(ctx, &opts); resp.Error != nil {
		return
	}
	c := funcCall{dataSource: "ekssize_vpc_cni_configuration", opts: vpcCNIConfigurationOptionSet, optsPos: 0, optsGiven: len(opts) > 0}
	var in vpcCNIConfigurationInputs
	unknown, ferr := c.decodeOptions(ctx, opts, &in)
	switch {
	case ferr != nil:
		resp.Error = ferr
		return
	case unknown:
		resp.Error = resp.Result.Set(ctx, types.StringUnknown())
		return
	}
	res, err := in.compute()
	if resp.Error = c.fail(nil, err); resp.Error != nil {
		return
	}
	resp.Error = resp.Result.Set(ctx, res.ConfigurationValues)
}
