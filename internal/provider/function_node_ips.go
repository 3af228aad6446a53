package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ekssize/terraform-provider-ekssize/internal/sizing"
)

var _ function.Function = (*nodeIPsFunction)(nil)

// NewNodeIPsFunction is provider::ekssize::node_ips.
func NewNodeIPsFunction() function.Function { return &nodeIPsFunction{} }

type nodeIPsFunction struct{}

// nodeIPsOptions are the ekssize_subnet_capacity attributes that decide one
// node's addresses (pods_per_node is an argument).
type nodeIPsOptions struct {
	networkingModel
	warmTargetsModel
	MaxPods           types.Int64 `tfsdk:"max_pods"`
	BranchPodsPerNode types.Int64 `tfsdk:"branch_pods_per_node"`
	strictOption
}

var nodeIPsOptionSet = newFuncOptions(
	networkingAttributes(),
	warmTargetsAttributes(),
	schemaAttributes(NewSubnetCapacityDataSource(), "max_pods", "branch_pods_per_node"),
	strictAttributes(),
)

// perNodeAttributes is the data source's per_node object, which node_ips
// returns.
func perNodeAttributes() map[string]schema.Attribute {
	return schemaAttributes(NewSubnetCapacityDataSource(), "per_node")["per_node"].(schema.SingleNestedAttribute).Attributes
}

func (f *nodeIPsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "node_ips"
}

func (f *nodeIPsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "IPv4 addresses one node takes at a pod count, as ekssize_subnet_capacity's per_node",
		MarkdownDescription: "Returns the `per_node` object of the `ekssize_subnet_capacity` data source for `instance_type` at " +
			"`pods_per_node` pods on the VPC network: the ENIs, secondary IPs and /28 prefixes ipamd holds (warm ENI, warm IP and " +
			"warm prefix targets included) and the addresses they take in the node subnet and, with custom networking, the pod " +
			"subnet. Size with the peak pod count: ipamd frees addresses late. The same core code, defaults, validation and " +
			"messages as the data source. Unknown arguments give an unknown result; null arguments are errors.\n\n" +
			warningsPolicy + "\n\nAttributes of the returned object:\n\n" + attributesTable("Attribute", perNodeAttributes()) +
			"\nOptions (each but `strict` as the data source attribute of the same name):\n\n" + nodeIPsOptionSet.markdownTable(),
		Parameters: []function.Parameter{
			instanceTypeParameter(),
			// A number, not Int64Parameter: the framework's conversion of 1.5
			// to Int64 fails with a message blaming the provider; Run says it
			// in the options' words instead.
			function.NumberParameter{
				Name: "pods_per_node",
				MarkdownDescription: "Peak pods per node on the VPC network: not host-network pods (they cost nothing) and not " +
					"branch pods (`branch_pods_per_node`). At most what the node's ENIs can address.",
			},
		},
		VariadicParameter: nodeIPsOptionSet.parameter("ekssize_subnet_capacity"),
		Return:            function.ObjectReturn{AttributeTypes: schemaObjectType(NewSubnetCapacityDataSource(), "per_node")},
	}
}

func (f *nodeIPsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var name types.String
	var podsNumber types.Number
	var opts []types.Dynamic
	if resp.Error = req.Arguments.Get(ctx, &name, &podsNumber, &opts); resp.Error != nil {
		return
	}
	pods := types.Int64Null()
	if podsNumber.IsUnknown() {
		resp.Error = resp.Result.Set(ctx, types.ObjectUnknown(schemaObjectType(NewSubnetCapacityDataSource(), "per_node")))
		return
	}
	if !podsNumber.IsNull() {
		v, _, problem := convertOption(ctx, podsNumber, wholeNumber, sizing.FieldPodsPerNode)
		if problem != "" {
			resp.Error = function.NewArgumentFuncError(1, problem)
			return
		}
		pods = v.(types.Int64)
	}
	perNode, unknown, ferr := nodeIPsCall(ctx, name, pods, opts)
	switch {
	case ferr != nil:
		resp.Error = ferr
	case unknown:
		resp.Error = resp.Result.Set(ctx, types.ObjectUnknown(schemaObjectType(NewSubnetCapacityDataSource(), "per_node")))
	default:
		resp.Error = resp.Result.Set(ctx, perNode)
	}
}

// nodeIPsCall answers node_ips(instance_type, pods_per_node, options...) with
// the data source's conversion (nodeIPsInputOf), core function
// (sizing.NodeIPs) and result conversion (perNodeOf).
func nodeIPsCall(ctx context.Context, name types.String, pods types.Int64, opts []types.Dynamic) (*perNodeModel, bool, *function.FuncError) {
	c := funcCall{
		dataSource: "ekssize_subnet_capacity",
		positional: map[string]int64{sizing.FieldInstanceType: 0, sizing.FieldPodsPerNode: 1},
		opts:       nodeIPsOptionSet, optsPos: 2, optsGiven: len(opts) > 0,
	}
	inst, ferr := c.instance(0, name)
	if ferr != nil {
		return nil, false, ferr
	}
	if pods.IsNull() {
		return nil, false, nullArgError(1, "pods_per_node", "give the peak pods per node on the VPC network, such as 29")
	}
	var o nodeIPsOptions
	if unknown, ferr := c.decodeOptions(ctx, opts, &o); ferr != nil || unknown {
		return nil, unknown, ferr
	}
	c.strict = o.Strict.ValueBool()
	u, warns, err := sizing.NodeIPs(nodeIPsInputOf(inst, o.networkingModel, o.warmTargetsModel, o.MaxPods, pods, o.BranchPodsPerNode))
	if ferr := c.fail(warns, err); ferr != nil {
		return nil, false, ferr
	}
	return perNodeOf(u), false, nil
}
