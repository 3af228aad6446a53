package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ekssize/terraform-provider-ekssize/internal/render"
	"github.com/ekssize/terraform-provider-ekssize/internal/sizing"
)

var (
	_ datasource.DataSource                   = (*vpcCNIConfigurationDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*vpcCNIConfigurationDataSource)(nil)
)

// NewVPCCNIConfigurationDataSource is the ekssize_vpc_cni_configuration data source.
func NewVPCCNIConfigurationDataSource() datasource.DataSource {
	return &vpcCNIConfigurationDataSource{}
}

type vpcCNIConfigurationDataSource struct{}

// vpcCNIConfigurationInputs are the settings; the vpc_cni_configuration
// function takes the same keys.
type vpcCNIConfigurationInputs struct {
	networkingModel
	warmTargetsModel
}

type vpcCNIConfigurationResults struct {
	ConfigurationValues types.String `tfsdk:"configuration_values"`
	Env                 types.Map    `tfsdk:"env"`
	InitEnv             types.Map    `tfsdk:"init_env"`
}

type vpcCNIConfigurationModel struct {
	vpcCNIConfigurationInputs
	vpcCNIConfigurationResults
}

func (d *vpcCNIConfigurationDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_vpc_cni_configuration"
}

func vpcCNIConfigurationResultAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"configuration_values": schema.StringAttribute{Computed: true, MarkdownDescription: "JSON for `aws_eks_addon` " +
			"`configuration_values` of the `vpc-cni` add-on: `{\"env\": {...}}`, plus `{\"init\": {\"env\": {...}}}` with security " +
			"groups for pods. Keys sorted, as `jsonencode` writes them. Merge your own keys (such as `eniConfig`) with " +
			"`jsonencode(merge(jsondecode(...), {...}))`."},
		"env": schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The aws-node container's " +
			"environment: `ENABLE_PREFIX_DELEGATION` always; the warm-pool target the sizing replayed, written even at its default " +
			"(`WARM_PREFIX_TARGET` with prefix delegation, `WARM_ENI_TARGET` without, or `WARM_IP_TARGET`/`MINIMUM_IP_TARGET` " +
			"when given); `MAX_ENI` when given; `AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG` and `ENI_CONFIG_LABEL_DEF = " +
			"topology.kubernetes.io/zone` with custom networking; `ENABLE_POD_ENI` with security groups for pods. Also for a " +
			"self-managed VPC CNI (Helm `env` values)."},
		"init_env": schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The aws-vpc-cni-init " +
			"container's environment: `DISABLE_TCP_EARLY_DEMUX = \"true\"` with security groups for pods (so kubelet's TCP " +
			"probes reach pods with their own security groups), else empty."},
	}
}

func (d *vpcCNIConfigurationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The VPC CNI configuration that makes the cluster's CNI behave as the sizing assumed: give it the " +
			"same networking and warm-pool settings as `ekssize_max_pods`, `ekssize_subnet_capacity` or `ekssize_cluster_ip_plan`, " +
			"and put `configuration_values` into the `vpc-cni` `aws_eks_addon`, so the CNI and the numbers cannot drift apart. " +
			"Settings of kubelet rather than the CNI (`cap_policy`, `max_pods_limit`, `pods_per_core`, `reserved_enis`) write " +
			"nothing; `ip_family` writes nothing either, since the EKS add-on configures IPv6 itself on an IPv6 cluster. " +
			"`os = \"windows\"` is an error: aws-node runs on Linux nodes only, and Windows nodes' IP settings are the " +
			"`amazon-vpc-cni` ConfigMap's `windows-*` keys, which the VPC resource controller reads.",
		Attributes: mergeAttributes(networkingAttributes(), warmTargetsAttributes(), vpcCNIConfigurationResultAttributes()),
	}
}

// compute validates the settings in the core and renders them.
func (m vpcCNIConfigurationInputs) compute() (vpcCNIConfigurationResults, error) {
	env, err := sizing.VPCCNIAddonEnv(m.networkingModel.toCore(), m.warmTargetsModel.toCore())
	if err != nil {
		return vpcCNIConfigurationResults{}, err
	}
	return vpcCNIConfigurationResults{
		ConfigurationValues: types.StringValue(render.VPCCNIConfigurationValues(env)),
		Env:                 envMap(env.Env),
		InitEnv:             envMap(env.InitEnv),
	}, nil
}

// envMap is an environment as a Terraform map; nil is the empty map.
func envMap(m map[string]string) types.Map {
	elems := make(map[string]attr.Value, len(m))
	for k, v := range m {
		elems[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, elems)
}

func (d *vpcCNIConfigurationDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var m vpcCNIConfigurationModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	n, w := m.networkingModel, m.warmTargetsModel
	if unknownIn(n.PrefixDelegation, n.IPFamily, n.CustomNetworking, n.SecurityGroupsForPods, n.ReservedENIs, n.MaxENI, n.CNIVersion,
		n.OS, n.CapPolicy, n.MaxPodsLimit, n.PodsPerCore, w.WarmENITarget, w.WarmIPTarget, w.MinimumIPTarget, w.WarmPrefixTarget) {
		return // Read checks everything once it is known.
	}
	if _, err := m.compute(); err != nil {
		addCoreError(&resp.Diagnostics, "Invalid VPC CNI settings", err)
	}
}

func (d *vpcCNIConfigurationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m vpcCNIConfigurationModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	res, err := m.compute()
	if err != nil {
		addCoreError(&resp.Diagnostics, "Invalid VPC CNI settings", err)
		return
	}
	m.vpcCNIConfigurationResults = res
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
