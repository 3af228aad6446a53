package provider

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
	"github.com/ekssize/terraform-provider-ekssize/internal/sizing"
)

var (
	_ datasource.DataSource                   = (*clusterIPPlanDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*clusterIPPlanDataSource)(nil)
)

// NewClusterIPPlanDataSource is the ekssize_cluster_ip_plan data source.
func NewClusterIPPlanDataSource() datasource.DataSource { return &clusterIPPlanDataSource{} }

type clusterIPPlanDataSource struct{}

// The subnets, node groups and NodePools are nested blocks, not nested
// attributes: Terraform checks a block's argument names against the schema
// and rejects a misspelt one ("An argument named ... is not expected here"),
// while it silently drops unknown keys of an object given to a nested
// attribute (hashicorp/terraform#33570). Every leaf is a plain attribute.

// clusterIPPlanInputs is what a user gives, in the data source and in the
// cluster_ip_plan function's argument alike.
type clusterIPPlanInputs struct {
	networkingModel
	warmTargetsModel
	PrefixLayout    types.String `tfsdk:"prefix_layout"`
	BlueGreen       types.Bool   `tfsdk:"blue_green"`
	FailOnShortfall types.Bool   `tfsdk:"fail_on_shortfall"`
	Subnet          types.List   `tfsdk:"subnet"`
	NodeGroup       types.List   `tfsdk:"node_group"`
	NodePool        types.List   `tfsdk:"node_pool"`
	// WindowsConfigMap is a single block in the data source and an object
	// in the function's argument; nil when not given.
	WindowsConfigMap *windowsConfigMapModel `tfsdk:"windows_config_map"`
}

// windowsConfigMapModel is the amazon-vpc-cni ConfigMap's Windows settings
// (sizing.WindowsConfigMap).
type windowsConfigMapModel struct {
	PrefixDelegation types.Bool  `tfsdk:"prefix_delegation"`
	WarmIPTarget     types.Int64 `tfsdk:"warm_ip_target"`
	MinimumIPTarget  types.Int64 `tfsdk:"minimum_ip_target"`
	WarmPrefixTarget types.Int64 `tfsdk:"warm_prefix_target"`
}

func (m *windowsConfigMapModel) toCore() *sizing.WindowsConfigMap {
	if m == nil {
		return nil
	}
	return &sizing.WindowsConfigMap{PrefixDelegation: m.PrefixDelegation.ValueBool(), WarmIPTarget: intPtr(m.WarmIPTarget),
		MinimumIPTarget: intPtr(m.MinimumIPTarget), WarmPrefixTarget: intPtr(m.WarmPrefixTarget)}
}

func (m *windowsConfigMapModel) unknown() bool {
	return m != nil && unknownIn(m.PrefixDelegation, m.WarmIPTarget, m.MinimumIPTarget, m.WarmPrefixTarget)
}

// planOSRule is the rule of which settings size Linux and which Windows
// groups (sizing/plan_os.go), as the schema states it.
const planOSRule = "Which settings size which groups: in a plan whose `os` is `linux` (the default), the plan-level " +
	"`prefix_delegation` and warm targets are the VPC CNI's (the `aws-node` environment: `ENABLE_PREFIX_DELEGATION`, " +
	"`WARM_IP_TARGET`, ...) and size the Linux groups, and `windows_config_map` sizes the groups with `os = \"windows\"` " +
	"(the `amazon-vpc-cni` ConfigMap the VPC resource controller reads; not given = none of its sizing keys, the " +
	"controller's defaults, secondary IPs; with a plan-level `prefix_delegation` that is a warning, which " +
	"`windows_config_map {}` silences). Either way `enable-windows-ipam: \"true\"` is assumed: it is required for " +
	"Windows pods to get IPs at all (without it the controller v1.8.2 manages no Windows node, and Windows prefix " +
	"delegation needs it too: `pkg/condition` `IsWindowsIPAMEnabled`, `IsWindowsPrefixDelegationEnabled`). In a plan " +
	"whose `os` is `windows` the plan-level `prefix_delegation`, `warm_ip_target`, `minimum_ip_target` and " +
	"`warm_prefix_target` stand for the ConfigMap's Windows keys, as in every other data source; `windows_config_map` is " +
	"then an error (the same settings twice), and so is a group with `os = \"linux\"` while any of those plan-level " +
	"settings is set (unclear which object they configure). `windows_config_map` without a Windows group, and a " +
	"plan-level `prefix_delegation`, `warm_ip_target`, `minimum_ip_target` or `warm_prefix_target` in a `linux` plan whose " +
	"every group is Windows, are errors too: they would configure nothing. There `custom_networking`, " +
	"`security_groups_for_pods`, `reserved_enis`, `max_eni`, `warm_eni_target` and pod subnets configure nothing either, and " +
	"are warnings (they have no Windows counterpart, so no number changes). `warm_eni_target`, which the ConfigMap has no key " +
	"for, is `aws-node`'s `WARM_ENI_TARGET` in either plan: in a `windows` plan it sizes the Linux groups."

// windowsConfigMapAttributes is the windows_config_map block's (and the
// function argument's object's) attributes.
func windowsConfigMapAttributes() map[string]schema.Attribute {
	target := func(key, more string) schema.Int64Attribute {
		return schema.Int64Attribute{Optional: true, CustomType: wholeNumber, MarkdownDescription: "The ConfigMap's `" + key +
			"`, read as the VPC resource controller v1.8.2 does (absent = 0; the same rules as `" + strings.TrimPrefix(strings.ReplaceAll(key, "-", "_"), "windows_") +
			"` with `os = \"windows\"`). " + more + "Must be 0 or more."}
	}
	return map[string]schema.Attribute{
		"prefix_delegation": schema.BoolAttribute{Optional: true, MarkdownDescription: "The ConfigMap's " +
			"`enable-windows-prefix-delegation`: /28 prefixes on the primary ENI of Nitro types, max pods then kubelet's default 110. Default `false`."},
		"warm_ip_target": target("windows-warm-ip-target", "With secondary IPs an explicit 0 means 1, and with neither it nor "+
			"`minimum_ip_target` set both are 3; with prefix delegation an unset one of the two is 1 (warm) or 3 (minimum) unless "+
			"`warm_prefix_target` alone is set. "),
		"minimum_ip_target": target("windows-minimum-ip-target", "Alone, in secondary-IP mode, the controller keeps no warm IP, "+
			"so more pods than it is an error. "),
		"warm_prefix_target": target("windows-warm-prefix-target", "Applies only with prefix delegation and neither warm-IP setting. "),
	}
}

const windowsConfigMapDescription = "The Windows groups' pod IP settings in a plan with Linux and Windows groups: the " +
	"`amazon-vpc-cni` ConfigMap in `kube-system`, which the VPC resource controller (in the EKS control plane) reads for " +
	"Windows nodes, while `aws-node` (the plan-level settings) configures Linux nodes. The deprecated un-prefixed keys " +
	"(`warm-ip-target`, ...) win over the `windows-*` ones in the controller; give the values it really reads (guide " +
	"\"Windows nodes\"). " + planOSRule

// clusterIPPlanResults is what the plan answers.
type clusterIPPlanResults struct {
	SubnetResults     types.List   `tfsdk:"subnet_results"`
	AvailabilityZones types.List   `tfsdk:"availability_zones"`
	Groups            types.List   `tfsdk:"groups"`
	Fits              types.Bool   `tfsdk:"fits"`
	ShortfallIPs      types.Int64  `tfsdk:"shortfall_ips"`
	Warnings          types.List   `tfsdk:"warnings"`
	DataVersion       types.String `tfsdk:"data_version"`
}

type clusterIPPlanModel struct {
	clusterIPPlanInputs
	clusterIPPlanResults
}

func (d *clusterIPPlanDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cluster_ip_plan"
}

func planCount(desc string) schema.Int64Attribute {
	return schema.Int64Attribute{Optional: true, CustomType: wholeNumber, MarkdownDescription: desc}
}

// planSubnetAttributes is the subnet block.
func planSubnetAttributes() map[string]schema.Attribute {
	sub := subnetAttributes()
	return map[string]schema.Attribute{
		"name": schema.StringAttribute{Required: true, MarkdownDescription: "A unique name (such as the subnet ID or `private-a`); " +
			"`node_group` and `node_pool` blocks refer to subnets by it."},
		"availability_zone": schema.StringAttribute{Required: true, MarkdownDescription: "The subnet's availability zone " +
			"(`aws_subnet.availability_zone`, such as `eu-west-1a`) or zone ID (`availability_zone_id`, such as `euw1-az1`): " +
			"one form throughout, all in one region. Results are summed per zone."},
		"cidr_block":                 sub["cidr_block"],
		"available_ip_address_count": sub["available_ip_address_count"],
		"prefix_reservations":        sub["prefix_reservations"],
		"cluster_subnet":             sub["cluster_subnet"],
		"role": schema.StringAttribute{Optional: true, MarkdownDescription: "`node` (default): nodes launch here (the groups' " +
			"`subnets`). `pod`: a secondary subnet pods take addresses from: with `custom_networking`, the zone's ENIConfig subnet " +
			"(exactly one per zone with nodes); without it, a subnet tagged `kubernetes.io/role/cni` for the VPC CNI's subnet " +
			"discovery (1.18 or later), where ipamd creates each further ENI in whichever of the node's subnet and the zone's " +
			"tagged subnets has the most free addresses (VPC CNI v1.23.2 `createENI`)."},
		"application_load_balancers": planCount("Application load balancers with a node in this subnet: 8 IPs each (the free IPs AWS asks for per ALB subnet). Default 0."),
		"network_load_balancers":     planCount("Network load balancers with a node in this subnet: 1 IP each. Default 0."),
		"interface_endpoints":        planCount("VPC interface endpoints with an ENI in this subnet: 1 IP each. Default 0."),
		"fargate_pods":               planCount("Fargate pods in this subnet at peak: 1 IP each (every Fargate pod is its own node). Default 0."),
		"other_ips":                  planCount("Any other addresses taken in this subnet. Default 0."),
	}
}

func planGroupCommonAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"name": schema.StringAttribute{Required: true, MarkdownDescription: "A unique name among node groups and NodePools, used in results and messages."},
		"instance_types": schema.ListAttribute{Required: true, ElementType: types.StringType, MarkdownDescription: "Instance types " +
			"from the embedded table; each zone is sized with the one taking the most addresses per node (ties: the most /28 prefixes)."},
		"subnets": schema.ListAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: "Names of the node " +
			"subnets (`role = \"node\"`) it launches in, at most one per availability zone: nodes are spread evenly over them, earlier " +
			"ones first (10 over 3 is 4, 3, 3), as an Auto Scaling group balances zones. One subnet pins it to one zone (for example a " +
			"node group per zone for EBS-backed StatefulSets). Unset means every node subnet."},
		"max_pods": schema.Int64Attribute{Optional: true, CustomType: wholeNumber, MarkdownDescription: "kubelet max pods on its nodes. Default: what " +
			"`ekssize_max_pods` gives for each type with the plan's networking settings (for a Windows group in a plan whose `os` is " +
			"`linux`: with `os = \"windows\"` and `windows_config_map`'s `prefix_delegation`)."},
		"pods_per_node": schema.Int64Attribute{Optional: true, CustomType: wholeNumber, MarkdownDescription: "Peak pods per node on the VPC network. " +
			"Default max pods - 2 - `branch_pods_per_node` (max pods with `os = \"windows\"`), as in `ekssize_subnet_capacity`."},
		"branch_pods_per_node": planCount("Pods per node with their own branch ENI (security groups for pods), 1 IP each. Default 0. " +
			"An error on a group with `os = \"windows\"` (EKS User Guide: security groups for pods are not supported on Windows nodes)."),
		"os": schema.StringAttribute{Optional: true, MarkdownDescription: "`linux` or `windows`: this group's nodes. Unset means " +
			"the plan's `os`. Linux and Windows groups share the subnets and their /28 blocks like any groups; a Windows group's " +
			"per node figures are those of `ekssize_subnet_capacity` with `os = \"windows\"` (the VPC resource controller's pool on " +
			"the primary ENI). Settings Windows nodes do not have configure the Linux groups only: `custom_networking` and pod " +
			"subnets (a Windows node takes every address in its node subnet: the VPC resource controller v1.8.2 assigns Windows " +
			"pod addresses only on the ENIs already attached to the node, its primary ENI, and never creates an ENI in an " +
			"ENIConfig or discovered subnet; `pkg/provider/ip/eni`), `security_groups_for_pods` (no trunk ENI), `reserved_enis` and `max_eni`. A Windows " +
			"group with `ip_family = \"ipv6\"` is an error (EKS does not support IPv6 on Windows nodes). Which settings size a " +
			"Windows group's pods: see `windows_config_map`."},
	}
}

func planNodeGroupAttributes() map[string]schema.Attribute {
	a := planGroupCommonAttributes()
	a["max_size"] = schema.Int64Attribute{Required: true, CustomType: wholeNumber, MarkdownDescription: "The node group's `scaling_config.max_size`: the plan sizes for it."}
	a["surge_nodes_per_subnet"] = planCount("Extra nodes a rolling update adds in each subnet with nodes (old nodes keep their IPs " +
		"until drained). Default 2, what a managed node group adds per availability zone. Not counted with `blue_green`.")
	return a
}

func planNodePoolAttributes() map[string]schema.Attribute {
	a := planGroupCommonAttributes()
	a["node_limit"] = schema.Int64Attribute{Required: true, CustomType: wholeNumber, MarkdownDescription: "The NodePool's `spec.limits.nodes`: the most " +
		"nodes it launches, replacements included (Karpenter has no separate surge), spread evenly over its subnets' zones."}
	return a
}

// clusterIPPlanInputAttributes is every input attribute (the blocks' too,
// for the function, as lists of objects).
func clusterIPPlanTopAttributes() map[string]schema.Attribute {
	net := networkingAttributes()
	osAttr := net["os"].(schema.StringAttribute)
	osAttr.MarkdownDescription += " In this plan `os` is the default of each `node_group`'s and `node_pool`'s own `os`: a cluster " +
		"with Windows nodes also needs Linux nodes or Fargate (EKS User Guide, \"Deploy Windows nodes on EKS clusters\": \"one " +
		"or more Linux or Fargate nodes to run core system Pods that only run on Linux, such as CoreDNS\"), so plan it with `os = \"linux\"` (the default), `os = \"windows\"` on the Windows groups and " +
		"their settings in `windows_config_map`. There `ip_family = \"ipv6\"` is an error for a Windows group, and the " +
		"other settings above that Windows nodes do not have apply to the Linux groups only (see the groups' `os`)."
	net["os"] = osAttr
	return mergeAttributes(net, warmTargetsAttributes(), map[string]schema.Attribute{
		"prefix_layout": schema.StringAttribute{Optional: true, MarkdownDescription: "With prefix delegation, how single IPs sit " +
			"among the /28 blocks: `scattered` (default, conservative: every single IP spoils a block) or `packed` (they fill the two " +
			"edge blocks, 27 IPs, then whole blocks). Both bounds are in `subnet_results`."},
		"blue_green": schema.BoolAttribute{Optional: true, MarkdownDescription: "Count a second set of every node group and NodePool " +
			"at max size in the same subnets, as during a blue/green cluster or node-group switch (no rolling-update surge then). Default `false`."},
		"fail_on_shortfall": schema.BoolAttribute{Optional: true, MarkdownDescription: "Report a subnet that does not fit as an " +
			"error instead of a warning, so `terraform plan` stops. Default `false`."},
	})
}

// Result object types.
var (
	planSubnetResultAttrTypes = map[string]attr.Type{
		"name": types.StringType, "availability_zone": types.StringType, "role": types.StringType, "cidr_block": types.StringType,
		"total_ips": types.Int64Type, "usable_ips": types.Int64Type, "free_ips": types.Int64Type, "prefix_eligible_blocks": types.Int64Type,
		"reserved_ips": types.Int64Type, "keep_free_ips": types.Int64Type, "nodes": types.Int64Type, "node_ips": types.Int64Type,
		"required_ips": types.Int64Type, "headroom_ips": types.Int64Type, "fits": types.BoolType, "shortfall_ips": types.Int64Type,
		"shortfall_blocks": types.Int64Type, "prefix_blocks_needed": types.Int64Type, "prefix_blocks_available_scattered": types.Int64Type,
		"prefix_blocks_available_packed": types.Int64Type, "smallest_fitting_prefix_length": types.Int64Type,
		"ips_by_group": types.MapType{ElemType: types.Int64Type},
	}
	planAZAttrTypes = map[string]attr.Type{
		"availability_zone": types.StringType, "nodes": types.Int64Type, "free_ips": types.Int64Type, "required_ips": types.Int64Type,
		"headroom_ips": types.Int64Type, "shortfall_ips": types.Int64Type, "fits": types.BoolType, "smallest_fitting_prefix_length": types.Int64Type,
	}
	planGroupAttrTypes = map[string]attr.Type{
		"kind": types.StringType, "name": types.StringType, "instance_type": types.StringType, "max_pods": types.Int64Type,
		"pods_per_node": types.Int64Type, "node_subnet_ips_per_node": types.Int64Type, "pod_subnet_ips_per_node": types.Int64Type,
		"prefixes_per_node": types.Int64Type, "nodes": types.Int64Type, "surge_nodes": types.Int64Type, "os": types.StringType,
	}
	planResultDescriptions = map[string]string{
		"name":                              "The subnet's or group's name.",
		"availability_zone":                 "The availability zone.",
		"role":                              "`node` or `pod`.",
		"cidr_block":                        "The subnet's CIDR block.",
		"total_ips":                         "Addresses in the CIDR: 2^(32 - prefix length).",
		"usable_ips":                        "`total_ips` minus the 5 AWS reserves.",
		"free_ips":                          "`available_ip_address_count` when given, else `usable_ips` (per zone: summed).",
		"prefix_eligible_blocks":            "/28 blocks that can hold a prefix: all but the first and last; with `prefix_reservations`, those inside the reservations.",
		"reserved_ips":                      "Load balancers (ALB 8, NLB 1), interface endpoints, Fargate pods, `other_ips`, and 6 for EKS's ENIs in a cluster subnet.",
		"keep_free_ips":                     "5 in a cluster subnet (EKS version upgrades), else 0.",
		"nodes":                             "Nodes with their primary ENI here (surge and blue/green included); per zone: summed.",
		"node_ips":                          "Addresses the groups take here at max size (pods at `pods_per_node`, warm pools replayed as ipamd does).",
		"required_ips":                      "`node_ips` + `reserved_ips` (per zone: summed over its subnets).",
		"headroom_ips":                      "`free_ips` - `required_ips` - `keep_free_ips`; with prefix delegation also at most 16 x the spare /28 blocks of `prefix_layout`. Negative is a shortfall (per zone: summed).",
		"fits":                              "Whether `headroom_ips` >= 0 (per zone: every subnet fits).",
		"shortfall_ips":                     "max(0, -`headroom_ips`) (per zone: summed over its short subnets).",
		"shortfall_blocks":                  "With prefix delegation here: the aligned /28 blocks the prefixes lack under `prefix_layout`, often the real cause of `shortfall_ips`; 0 otherwise.",
		"prefix_blocks_needed":              "Aligned /28 blocks the groups' prefixes take here.",
		"prefix_blocks_available_scattered": "Eligible /28 blocks left when every single IP (ENI primaries, reserved and used addresses) spoils one: the conservative bound.",
		"prefix_blocks_available_packed":    "Eligible /28 blocks left when single IPs fill the two edge blocks (27 IPs) first, then whole blocks: the best case.",
		"smallest_fitting_prefix_length":    "The longest prefix length of a fresh subnet holding this load (per zone: everything the zone's subnets hold, in one subnet); 0 when even a /16 does not.",
		"ips_by_group":                      "Which group takes what here: the addresses each node group or NodePool takes in this subnet, by name (its type, kind and per-node numbers are in `groups`; the warning of a short subnet also gives each group's nodes here).",
		"kind":                              "`node_group` or `node_pool`.",
		"group":                             "The node group's or NodePool's name.",
		"ips":                               "Addresses it takes here.",
		"prefixes":                          "/28 prefixes it takes here (16 addresses each, aligned).",
		"instance_type":                     "The candidate type taking the most addresses per node, which the plan sizes with.",
		"max_pods":                          "kubelet max pods of that type.",
		"pods_per_node":                     "Peak pods per node sized for.",
		"node_subnet_ips_per_node":          "Addresses one node takes in its node subnet with no secondary subnet (`per_node.node_subnet_ips` of `ekssize_subnet_capacity`; 1 with custom networking).",
		"pod_subnet_ips_per_node":           "Addresses one node takes in its zone's ENIConfig subnet with custom networking, else 0.",
		"prefixes_per_node":                 "/28 prefixes per node with prefix delegation.",
		"surge_nodes":                       "Rolling-update surge nodes among `nodes`.",
		"os":                                "The group's OS, `linux` or `windows`: its own `os`, else the plan's.",
	}
)

func computedResultAttributes(attrTypes map[string]attr.Type) map[string]schema.Attribute {
	out := make(map[string]schema.Attribute, len(attrTypes))
	for name, t := range attrTypes {
		desc := planResultDescriptions[name]
		switch tt := t.(type) {
		case basetypes.ListType:
			if ot, ok := tt.ElemType.(basetypes.ObjectType); ok {
				out[name] = schema.ListNestedAttribute{Computed: true, MarkdownDescription: desc,
					NestedObject: schema.NestedAttributeObject{Attributes: computedResultAttributes(ot.AttrTypes)}}
			} else {
				out[name] = schema.ListAttribute{Computed: true, ElementType: tt.ElemType, MarkdownDescription: desc}
			}
		case basetypes.MapType:
			out[name] = schema.MapAttribute{Computed: true, ElementType: tt.ElemType, MarkdownDescription: desc}
		case basetypes.BoolType:
			out[name] = schema.BoolAttribute{Computed: true, MarkdownDescription: desc}
		case basetypes.StringType:
			out[name] = schema.StringAttribute{Computed: true, MarkdownDescription: desc}
		case basetypes.Int64Type:
			out[name] = schema.Int64Attribute{Computed: true, MarkdownDescription: desc}
		default:
			panic("provider: no schema for result attribute " + name)
		}
		if desc == "" {
			panic("provider: result attribute " + name + " has no description")
		}
	}
	return out
}

func clusterIPPlanResultAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"subnet_results": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "One result per `subnet` block, in order.",
			NestedObject: schema.NestedAttributeObject{Attributes: computedResultAttributes(planSubnetResultAttrTypes)}},
		"availability_zones": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "One result per availability zone, in " +
			"the order zones first appear in the `subnet` blocks: its subnets summed, and the smallest single subnet that would hold it all.",
			NestedObject: schema.NestedAttributeObject{Attributes: computedResultAttributes(planAZAttrTypes)}},
		"groups": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "One result per `node_group`, then per `node_pool` block, in order.",
			NestedObject: schema.NestedAttributeObject{Attributes: computedResultAttributes(planGroupAttrTypes)}},
		"fits":          schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether every subnet fits."},
		"shortfall_ips": schema.Int64Attribute{Computed: true, MarkdownDescription: "Sum of the subnets' `shortfall_ips`."},
		"warnings": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Every warning of " +
			"this read as text (also shown as warning diagnostics): each short subnet with its zone and the groups taking the most there."},
		"data_version": dataVersionAttribute(),
	}
}

const clusterIPPlanDescription = "A whole cluster's IPv4 plan, per availability zone and subnet: every managed node group, " +
	"Karpenter NodePool, Fargate pod, load balancer and interface endpoint sharing the subnets, at max size with the rolling-update " +
	"surge (or a blue/green switch), including secondary subnets for custom networking or subnet discovery. Each node's addresses " +
	"come from the same ipamd replay (VPC CNI v1.23) as `ekssize_subnet_capacity`, and each subnet's fit from the same geometry " +
	"(aligned /28 blocks with prefix delegation, a cluster subnet's reserved and kept-free addresses), applied once to the sum " +
	"of everything in the subnet. A short subnet is a warning naming its zone and the groups taking the most there; with " +
	"`fail_on_shortfall = true` it is an error. Subnets, node groups and NodePools are blocks, so a misspelt argument is an " +
	"error at `terraform validate`, where names, zones, CIDRs and references are checked too."

func (d *clusterIPPlanDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: clusterIPPlanDescription,
		Attributes:          mergeAttributes(clusterIPPlanTopAttributes(), clusterIPPlanResultAttributes()),
		Blocks: map[string]schema.Block{
			"subnet": schema.ListNestedBlock{
				MarkdownDescription: "A subnet of the cluster (at least one): node subnets, the cluster (control plane) subnets and secondary pod subnets.",
				NestedObject:        schema.NestedBlockObject{Attributes: planSubnetAttributes()},
			},
			"node_group": schema.ListNestedBlock{
				MarkdownDescription: "A managed (or self-managed) node group: its nodes at `max_size` plus the rolling-update surge.",
				NestedObject:        schema.NestedBlockObject{Attributes: planNodeGroupAttributes()},
			},
			"node_pool": schema.ListNestedBlock{
				MarkdownDescription: "A Karpenter NodePool: `node_limit` nodes of its worst candidate type, spread over its zones.",
				NestedObject:        schema.NestedBlockObject{Attributes: planNodePoolAttributes()},
			},
			"windows_config_map": schema.SingleNestedBlock{
				MarkdownDescription: windowsConfigMapDescription,
				Attributes:          windowsConfigMapAttributes(),
			},
		},
	}
}

// getPlanConfig reads the configuration into the model with the model codec
// (model_codec.go), which handles the blocks' lists like any list attribute;
// the framework's own Get is the fallback.
func getPlanConfig(ctx context.Context, config tfsdk.Config, m *clusterIPPlanModel) diag.Diagnostics {
	// Whole-number inputs Int64 cannot hold are reported in plain words first,
	// as getConfig does (see whole_number.go).
	var diags diag.Diagnostics
	checkWholeNumbers(config.Schema.Type(), config.Raw, path.Empty(), &diags)
	checkEmptyStrings(config.Schema, config.Raw, &diags)
	if diags.HasError() {
		return diags
	}
	if c, err := codecFor(reflect.TypeFor[clusterIPPlanModel]()); err == nil {
		if err := c.decode(ctx, config.Schema.Type(), config.Raw, reflect.ValueOf(m).Elem()); err == nil {
			return nil
		}
	}
	return config.Get(ctx, m)
}

func (d *clusterIPPlanDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var m clusterIPPlanModel
	resp.Diagnostics.Append(getPlanConfig(ctx, req.Config, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	in, ok := m.toCore(&resp.Diagnostics)
	if !ok {
		return
	}
	if err := sizing.ValidatePlan(in); err != nil {
		addCoreError(&resp.Diagnostics, "Invalid cluster IP plan", err)
	}
}

func (d *clusterIPPlanDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m clusterIPPlanModel
	resp.Diagnostics.Append(getPlanConfig(ctx, req.Config, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	res, warns, ok := m.compute(&resp.Diagnostics)
	if !ok {
		return
	}
	// The state is the configuration with the results filled in, built as
	// Terraform values directly: the results are hundreds of values, and the
	// framework's reflection over them was most of the read's CPU time.
	var attrs map[string]tftypes.Value
	if err := req.Config.Raw.As(&attrs); err != nil {
		resp.Diagnostics.AddError("Cannot compute the cluster IP plan", "reading the configuration: "+err.Error())
		return
	}
	// As may hand back the configuration's own map: build the state in a new one
	// rather than write into the request.
	state := make(map[string]tftypes.Value, len(attrs))
	maps.Copy(state, attrs)
	maps.Copy(state, planResultValues(res, warns))
	resp.State.Raw = tftypes.NewValue(req.Config.Raw.Type(), state)
}

// compute runs the plan, reporting errors, warnings and shortfalls.
func (m clusterIPPlanInputs) compute(diags *diag.Diagnostics) (sizing.PlanResult, []sizing.Warning, bool) {
	in, ok := m.toCore(diags)
	if !ok {
		return sizing.PlanResult{}, nil, false
	}
	res, warns, err := sizing.Plan(in)
	addCoreWarnings(diags, warns)
	if err != nil {
		addCoreError(diags, "Cannot compute the cluster IP plan", err)
		return res, nil, false
	}
	for _, s := range res.Shortfalls {
		if m.FailOnShortfall.ValueBool() {
			diags.AddAttributeError(fieldPath(s.Field), s.Summary, s.Detail+" (fail_on_shortfall = true)")
		} else {
			diags.AddAttributeWarning(fieldPath(s.Field), s.Summary, s.Detail)
		}
	}
	return res, append(warns, res.Shortfalls...), !diags.HasError()
}

func unknownIn(vals ...attr.Value) bool {
	for _, v := range vals {
		if v.IsUnknown() {
			return true
		}
		if l, ok := v.(types.List); ok {
			for _, e := range l.Elements() {
				if e.IsUnknown() {
					return true
				}
			}
		}
	}
	return false
}

// stringsOf reads a list of strings; a null element is an error on its path.
func stringsOf(l types.List, p path.Path, diags *diag.Diagnostics) []string {
	if l.IsNull() || l.IsUnknown() {
		return nil
	}
	out := make([]string, 0, len(l.Elements()))
	for i, e := range l.Elements() {
		s, ok := e.(types.String)
		if !ok || s.IsNull() {
			diags.AddAttributeError(p.AtListIndex(i), "Invalid cluster IP plan", "the list contains null; every element must be a string")
			continue
		}
		out = append(out, s.ValueString())
	}
	return out
}

// toCore converts the inputs; values not known yet (at validate time) mark
// their subnet, group or the networking settings unknown.
func (m clusterIPPlanInputs) toCore(diags *diag.Diagnostics) (sizing.PlanInput, bool) {
	in := sizing.PlanInput{
		Networking:   m.networkingModel.toCore(),
		Warm:         m.warmTargetsModel.toCore(),
		Windows:      m.WindowsConfigMap.toCore(),
		BlueGreen:    m.BlueGreen.ValueBool(),
		PrefixLayout: m.PrefixLayout.ValueString(),
	}
	n, w := m.networkingModel, m.warmTargetsModel
	in.NetworkingUnknown = unknownIn(n.PrefixDelegation, n.IPFamily, n.CustomNetworking, n.SecurityGroupsForPods, n.ReservedENIs,
		n.MaxENI, n.CNIVersion, n.OS, n.CapPolicy, n.MaxPodsLimit, n.PodsPerCore,
		w.WarmENITarget, w.WarmIPTarget, w.MinimumIPTarget, w.WarmPrefixTarget, m.PrefixLayout) || m.WindowsConfigMap.unknown()
	if m.Subnet.IsUnknown() {
		in.Subnets = []sizing.PlanSubnet{{Unknown: true}}
	}
	for i, e := range m.Subnet.Elements() {
		s := objAttrs(e)
		ps := sizing.PlanSubnet{
			SubnetSpec: sizing.SubnetSpec{
				Name:                    s.str("name"),
				CIDRBlock:               s.str("cidr_block"),
				AvailableIPAddressCount: intPtr(s.int64("available_ip_address_count")),
				PrefixReservations: stringsOf(s.list("prefix_reservations"),
					path.Root(sizing.FieldPlanSubnet).AtListIndex(i).AtName(sizing.FieldPrefixReservations), diags),
				ClusterSubnet: s.bool("cluster_subnet"),
			},
			AvailabilityZone: s.str("availability_zone"),
			Role:             s.str("role"),
			Reserved: sizing.ReservedIPs{
				ApplicationLoadBalancers: s.count("application_load_balancers"),
				NetworkLoadBalancers:     s.count("network_load_balancers"),
				InterfaceEndpoints:       s.count("interface_endpoints"),
				FargatePods:              s.count("fargate_pods"),
				OtherIPs:                 s.count("other_ips"),
			},
			Unknown: e.IsUnknown() || s.unknown(),
		}
		in.Subnets = append(in.Subnets, ps)
	}
	for _, blocks := range []struct {
		list  types.List
		field string
		dst   *[]sizing.PlanGroup
	}{{m.NodeGroup, sizing.FieldPlanNodeGroup, &in.NodeGroups}, {m.NodePool, sizing.FieldPlanNodePool, &in.NodePools}} {
		for i, e := range blocks.list.Elements() {
			g := objAttrs(e)
			p := path.Root(blocks.field).AtListIndex(i)
			size := "max_size"
			if blocks.field == sizing.FieldPlanNodePool {
				size = "node_limit"
			}
			*blocks.dst = append(*blocks.dst, sizing.PlanGroup{
				Name:                g.str("name"),
				InstanceTypes:       stringsOf(g.list("instance_types"), p.AtName(sizing.FieldInstanceTypes), diags),
				MaxNodes:            g.count(size),
				Subnets:             stringsOf(g.list("subnets"), p.AtName(sizing.FieldGroupSubnets), diags),
				MaxPods:             intPtr(g.int64("max_pods")),
				PodsPerNode:         intPtr(g.int64("pods_per_node")),
				BranchPodsPerNode:   g.count("branch_pods_per_node"),
				SurgeNodesPerSubnet: intPtr(g.int64("surge_nodes_per_subnet")),
				OS:                  g.str("os"),
				Unknown:             e.IsUnknown() || g.unknown(),
			})
		}
	}
	return in, !diags.HasError()
}

// blockAttrs reads one block object's attributes; an attribute the block
// does not have reads as null.
type blockAttrs map[string]attr.Value

func objAttrs(v attr.Value) blockAttrs {
	if o, ok := v.(types.Object); ok {
		return o.Attributes()
	}
	return nil
}

func (b blockAttrs) str(k string) string {
	v, _ := b[k].(types.String)
	return v.ValueString()
}

func (b blockAttrs) int64(k string) types.Int64 {
	if v, ok := b[k].(types.Int64); ok {
		return v
	}
	return types.Int64Null()
}

func (b blockAttrs) count(k string) int { return clampInt(b.int64(k).ValueInt64()) }

func (b blockAttrs) bool(k string) bool {
	v, _ := b[k].(types.Bool)
	return v.ValueBool()
}

func (b blockAttrs) list(k string) types.List {
	if v, ok := b[k].(types.List); ok {
		return v
	}
	return types.ListNull(types.StringType)
}

// unknown is whether any value of the block is not known yet.
func (b blockAttrs) unknown() bool {
	for _, v := range b {
		if unknownIn(v) {
			return true
		}
	}
	return false
}

// Terraform types of the results, built once.
var (
	planSubnetResultTF = types.ObjectType{AttrTypes: planSubnetResultAttrTypes}.TerraformType(context.Background()).(tftypes.Object)
	planAZTF           = types.ObjectType{AttrTypes: planAZAttrTypes}.TerraformType(context.Background()).(tftypes.Object)
	planGroupTF        = types.ObjectType{AttrTypes: planGroupAttrTypes}.TerraformType(context.Background()).(tftypes.Object)
)

func tfString(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
func tfInt(i int) tftypes.Value       { return tftypes.NewValue(tftypes.Number, int64(i)) }
func tfBool(b bool) tftypes.Value     { return tftypes.NewValue(tftypes.Bool, b) }
func tfList(elem tftypes.Type, vals []tftypes.Value) tftypes.Value {
	return tftypes.NewValue(tftypes.List{ElementType: elem}, vals)
}

// planResultValues is the core's answer as the result attributes' Terraform
// values, keyed by attribute name (data_version included).
func planResultValues(res sizing.PlanResult, warns []sizing.Warning) map[string]tftypes.Value {
	subnets := make([]tftypes.Value, len(res.Subnets))
	for i, s := range res.Subnets {
		byGroup := make(map[string]tftypes.Value, len(s.Uses))
		for _, u := range s.Uses {
			byGroup[u.Group] = tfInt(u.IPs)
		}
		subnets[i] = tftypes.NewValue(planSubnetResultTF, map[string]tftypes.Value{
			"name": tfString(s.Name), "availability_zone": tfString(s.AvailabilityZone), "role": tfString(s.Role),
			"cidr_block": tfString(s.CIDRBlock), "total_ips": tfInt(s.TotalIPs), "usable_ips": tfInt(s.UsableIPs),
			"free_ips": tfInt(s.FreeIPs), "prefix_eligible_blocks": tfInt(s.PrefixEligibleBlocks), "reserved_ips": tfInt(s.ReservedIPs),
			"keep_free_ips": tfInt(s.KeepFreeIPs), "nodes": tfInt(s.Nodes), "node_ips": tfInt(s.NodeIPs), "required_ips": tfInt(s.RequiredIPs),
			"headroom_ips": tfInt(s.HeadroomIPs), "fits": tfBool(s.Fits), "shortfall_ips": tfInt(s.ShortfallIPs),
			"shortfall_blocks": tfInt(s.ShortfallBlocks), "prefix_blocks_needed": tfInt(s.PrefixBlocksNeeded),
			"prefix_blocks_available_scattered": tfInt(s.PrefixBlocksAvailableScattered),
			"prefix_blocks_available_packed":    tfInt(s.PrefixBlocksAvailablePacked),
			"smallest_fitting_prefix_length":    tfInt(s.SmallestFittingPrefixLength),
			"ips_by_group":                      tftypes.NewValue(tftypes.Map{ElementType: tftypes.Number}, byGroup),
		})
	}
	azs := make([]tftypes.Value, len(res.AvailabilityZones))
	for i, a := range res.AvailabilityZones {
		azs[i] = tftypes.NewValue(planAZTF, map[string]tftypes.Value{
			"availability_zone": tfString(a.AvailabilityZone), "nodes": tfInt(a.Nodes), "free_ips": tfInt(a.FreeIPs),
			"required_ips": tfInt(a.RequiredIPs), "headroom_ips": tfInt(a.HeadroomIPs), "shortfall_ips": tfInt(a.ShortfallIPs),
			"fits": tfBool(a.Fits), "smallest_fitting_prefix_length": tfInt(a.SmallestFittingPrefixLength),
		})
	}
	groups := make([]tftypes.Value, len(res.Groups))
	for i, g := range res.Groups {
		groups[i] = tftypes.NewValue(planGroupTF, map[string]tftypes.Value{
			"kind": tfString(g.Kind), "name": tfString(g.Name), "instance_type": tfString(g.InstanceType),
			"max_pods": tfInt(g.Usage.MaxPods), "pods_per_node": tfInt(g.Usage.PodsPerNode), "node_subnet_ips_per_node": tfInt(g.Usage.NodeSubnetIPs),
			"pod_subnet_ips_per_node": tfInt(g.Usage.PodSubnetIPs), "prefixes_per_node": tfInt(g.Usage.Prefixes), "nodes": tfInt(g.Nodes),
			"surge_nodes": tfInt(g.SurgeNodes), "os": tfString(g.OS),
		})
	}
	texts := make([]tftypes.Value, len(warns))
	for i, w := range warns {
		texts[i] = tfString(fmt.Sprintf("%s: %s", w.Summary, w.Detail))
	}
	return map[string]tftypes.Value{
		"subnet_results":     tfList(planSubnetResultTF, subnets),
		"availability_zones": tfList(planAZTF, azs),
		"groups":             tfList(planGroupTF, groups),
		"fits":               tfBool(res.Fits),
		"shortfall_ips":      tfInt(res.ShortfallIPs),
		"warnings":           tfList(tftypes.String, texts),
		"data_version":       tfString(ec2data.DataVersion()),
	}
}
