package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ekssize/terraform-provider-ekssize/internal/sizing"
)

var _ function.Function = (*subnetMaxNodesFunction)(nil)

// NewSubnetMaxNodesFunction is provider::ekssize::subnet_max_nodes.
func NewSubnetMaxNodesFunction() function.Function { return &subnetMaxNodesFunction{} }

type subnetMaxNodesFunction struct{}

// subnetMaxNodesOptions are the ekssize_subnet_capacity attributes that
// decide how many nodes one subnet holds: the networking and warm-pool
// settings, the per-node counts, what else takes addresses, the prefix layout,
// the pod subnet for custom networking, and the subnet's own attributes.
type subnetMaxNodesOptions struct {
	networkingModel
	warmTargetsModel
	MaxPods                 types.Int64          `tfsdk:"max_pods"`
	PodsPerNode             types.Int64          `tfsdk:"pods_per_node"`
	BranchPodsPerNode       types.Int64          `tfsdk:"branch_pods_per_node"`
	Reserved                *subnetReservedModel `tfsdk:"reserved"`
	PrefixLayout            types.String         `tfsdk:"prefix_layout"`
	PodSubnets              []subnetModel        `tfsdk:"pod_subnets"`
	AvailableIPAddressCount types.Int64          `tfsdk:"available_ip_address_count"`
	PrefixReservations      types.List           `tfsdk:"prefix_reservations"`
	ClusterSubnet           types.Bool           `tfsdk:"cluster_subnet"`
	strictOption
}

var subnetMaxNodesOptionSet = func() funcOptions {
	subnet := subnetAttributes()
	return newFuncOptions(
		networkingAttributes(),
		warmTargetsAttributes(),
		schemaAttributes(NewSubnetCapacityDataSource(), "max_pods", "pods_per_node", "branch_pods_per_node", "reserved",
			"prefix_layout", "pod_subnets"),
		map[string]schema.Attribute{
			sizing.FieldAvailableIPAddressCount: subnet[sizing.FieldAvailableIPAddressCount],
			sizing.FieldPrefixReservations:      subnet[sizing.FieldPrefixReservations],
			sizing.FieldClusterSubnet:           subnet[sizing.FieldClusterSubnet],
		},
		strictAttributes(),
	)
}()

func (f *subnetMaxNodesFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "subnet_max_nodes"
}

func (f *subnetMaxNodesFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "How many nodes of an instance type one subnet holds, as the ekssize_subnet_capacity data source computes it",
		MarkdownDescription: "Returns `max_nodes` of the `ekssize_subnet_capacity` data source for one subnet `cidr_block` and " +
			"`instance_type`: the most nodes the subnet holds when each takes the IPv4 addresses ipamd allocates at " +
			"`pods_per_node` pods (warm ENI, warm IP and warm prefix targets, prefix delegation with free /28 blocks, security " +
			"groups for pods, custom networking), next to the `reserved` addresses and what a cluster subnet keeps free. With " +
			"`custom_networking = true` give the pod subnet as `pod_subnets = [{ cidr_block = \"...\" }]`; the answer is then the " +
			"smaller of what the node subnet and the pod subnet hold. The same core code, defaults, validation and messages as the " +
			"data source. Unknown arguments give an unknown result; null arguments are errors.\n\n" +
			warningsPolicy + "\n\nOptions (each but `strict` as the data source attribute of the same name; `available_ip_address_count`, " +
			"`prefix_reservations` and `cluster_subnet` are the attributes of the subnet):\n\n" + subnetMaxNodesOptionSet.markdownTable(),
		Parameters:        []function.Parameter{cidrBlockParameter(), instanceTypeParameter()},
		VariadicParameter: subnetMaxNodesOptionSet.parameter("ekssize_subnet_capacity"),
		Return:            function.Int64Return{},
	}
}

func (f *subnetMaxNodesFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var cidr, name types.String
	var opts []types.Dynamic
	if resp.Error = req.Arguments.Get(ctx, &cidr, &name, &opts); resp.Error != nil {
		return
	}
	maxNodes, unknown, ferr := subnetMaxNodesCall(ctx, cidr, name, opts)
	switch {
	case ferr != nil:
		resp.Error = ferr
	case unknown:
		resp.Error = resp.Result.Set(ctx, types.Int64Unknown())
	default:
		resp.Error = resp.Result.Set(ctx, maxNodes)
	}
}

// subnetMaxNodesCall answers subnet_max_nodes(cidr_block, instance_type,
// options...) with the data source's conversions (nodeIPsInputOf,
// subnetModel.toCore, ...) and sizing.SubnetMaxNodes, which names the
// subnet's attributes at the top level as the function takes them. A subnet
// whose reserved addresses do not fit is the data source's warning (max_nodes
// is then 0), so an error only with strict.
func subnetMaxNodesCall(ctx context.Context, cidr, name types.String, opts []types.Dynamic) (types.Int64, bool, *function.FuncError) {
	c := funcCall{
		dataSource: "ekssize_subnet_capacity",
		positional: map[string]int64{sizing.FieldCIDRBlock: 0, sizing.FieldInstanceType: 1},
		opts:       subnetMaxNodesOptionSet, optsPos: 2, optsGiven: len(opts) > 0,
	}
	if cidr.IsNull() {
		return types.Int64{}, false, nullArgError(0, "cidr_block", `give an IPv4 CIDR block such as "10.0.0.0/24"`)
	}
	inst, ferr := c.instance(1, name)
	if ferr != nil {
		return types.Int64{}, false, ferr
	}
	var o subnetMaxNodesOptions
	if unknown, ferr := c.decodeOptions(ctx, opts, &o); ferr != nil || unknown {
		return types.Int64{}, unknown, ferr
	}
	c.strict = o.Strict.ValueBool()
	subnet, errs := subnetModel{
		CIDRBlock:               cidr,
		AvailableIPAddressCount: o.AvailableIPAddressCount,
		PrefixReservations:      o.PrefixReservations,
		ClusterSubnet:           o.ClusterSubnet,
	}.toCore("")
	podSubnets, podErrs := subnetSpecs(sizing.FieldPodSubnets, o.PodSubnets)
	if ferr := c.fail(nil, append(errs, podErrs...)...); ferr != nil {
		return types.Int64{}, false, ferr
	}
	res, warns, err := sizing.SubnetMaxNodes(sizing.SubnetMaxNodesInput{
		NodeIPsInput: nodeIPsInputOf(inst, o.networkingModel, o.warmTargetsModel, o.MaxPods, o.PodsPerNode, o.BranchPodsPerNode),
		Subnet:       subnet,
		PodSubnets:   podSubnets,
		Reserved:     o.Reserved.toCore(),
		PrefixLayout: o.PrefixLayout.ValueString(),
	})
	if ferr := c.fail(append(warns, res.Shortfalls...), err); ferr != nil {
		return types.Int64{}, false, ferr
	}
	return types.Int64Value(int64(res.MaxNodes)), false, nil
}
