package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ function.Function = (*eniMaxPodsFunction)(nil)

// NewENIMaxPodsFunction is provider::ekssize::eni_max_pods.
func NewENIMaxPodsFunction() function.Function { return &eniMaxPodsFunction{} }

type eniMaxPodsFunction struct{}

func (f *eniMaxPodsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "eni_max_pods"
}

func (f *eniMaxPodsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The VPC CNI eni-max-pods.txt value of an instance type",
		MarkdownDescription: "Returns `eni_max_pods` of the `ekssize_instance_type` data source: " +
			eniMaxPodsAttribute().MarkdownDescription + " This is the number AL2 `bootstrap.sh`, nodeadm and Karpenter use to " +
			"size kube-reserved memory; for the value to give kubelet use `max_pods`. An unknown argument gives an unknown " +
			"result; null is an error.",
		Parameters: []function.Parameter{instanceTypeParameter()},
		Return:     function.Int64Return{},
	}
}

func (f *eniMaxPodsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var name types.String
	if resp.Error = req.Arguments.Get(ctx, &name); resp.Error != nil {
		return
	}
	c := funcCall{dataSource: "ekssize_instance_type", positional: map[string]int64{"instance_type": 0}}
	in, ferr := c.instance(0, name)
	if ferr != nil {
		resp.Error = ferr
		return
	}
	resp.Error = resp.Result.Set(ctx, instanceTypeFieldsOf(in).ENIMaxPods)
}
