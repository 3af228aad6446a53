package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ function.Function = (*instanceTypeFunction)(nil)

// NewInstanceTypeFunction is provider::ekssize::instance_type.
func NewInstanceTypeFunction() function.Function { return &instanceTypeFunction{} }

type instanceTypeFunction struct{}

func (f *instanceTypeFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "instance_type"
}

// instanceTypeSchemaAttributes is the ekssize_instance_type data source's
// whole schema: the function returns an object of exactly these attributes.
func instanceTypeSchemaAttributes(ctx context.Context) map[string]schema.Attribute {
	var resp datasource.SchemaResponse
	(&instanceTypeDataSource{}).Schema(ctx, datasource.SchemaRequest{}, &resp)
	return resp.Schema.Attributes
}

func (f *instanceTypeFunction) Definition(ctx context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	attrs := instanceTypeSchemaAttributes(ctx)
	resp.Definition = function.Definition{
		Summary: "Facts about an EC2 instance type, as the ekssize_instance_type data source gives them",
		MarkdownDescription: "Returns an object with the same attributes as the `ekssize_instance_type` data source for " +
			"`instance_type`: network limits as the VPC CNI sees them, security-groups-for-pods limits, vCPUs, memory, GPUs " +
			"and the EBS attachment limit. An unknown argument gives an unknown result; null is an error.\n\n" +
			"Attributes of the returned object:\n\n" + attributesTable("Attribute", attrs),
		Parameters: []function.Parameter{instanceTypeParameter()},
		Return:     function.ObjectReturn{AttributeTypes: objectTypeOf(attrs).AttrTypes},
	}
}

func (f *instanceTypeFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
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
	resp.Error = resp.Result.Set(ctx, instanceTypeModel{InstanceType: name, instanceTypeFields: instanceTypeFieldsOf(in)})
}
