// Package provider adapts the sizing core to Terraform: schemas, model
// conversion and diagnostics. Every number comes from internal/sizing; this
// package only converts inputs and copies result fields.
package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

// TypeName is the provider's type name: data sources are ekssize_*, functions
// provider::ekssize::*.
const TypeName = "ekssize"

var (
	_ provider.Provider              = (*ekssizeProvider)(nil)
	_ provider.ProviderWithFunctions = (*ekssizeProvider)(nil)
)

type ekssizeProvider struct {
	version string
}

// New returns a constructor for the provider; version is injected at build time.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &ekssizeProvider{version: version} }
}

func (p *ekssizeProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = TypeName
	resp.Version = p.version
}

func (p *ekssizeProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The ekssize provider answers Amazon EKS sizing questions at plan time, offline and without " +
			"credentials: max pods per node under each VPC CNI mode, subnet IPs a node group consumes, kube-reserved and " +
			"allocatable, and the kubelet settings to put in user data. It has no configuration.",
	}
}

func (p *ekssizeProvider) Configure(ctx context.Context, _ provider.ConfigureRequest, _ *provider.ConfigureResponse) {
	tflog.Info(ctx, "ekssize provider configured", map[string]any{
		"version":      p.version,
		"data_version": ec2data.DataVersion(),
	})
}

func (p *ekssizeProvider) Resources(context.Context) []func() resource.Resource { return nil }

func (p *ekssizeProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewInstanceTypeDataSource,
		NewMaxPodsDataSource,
		NewSubnetCapacityDataSource,
		NewNodeConfigDataSource,
		NewMaxPodsExpressionDataSource,
		NewClusterIPPlanDataSource,
		NewVPCCNIConfigurationDataSource,
		NewFargatePodDataSource,
		NewNodePoolDataSource,
	}
}

func (p *ekssizeProvider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{
		NewClusterIPPlanFunction,
		NewENIMaxPodsFunction,
		NewVPCCNIConfigurationFunction,
		NewFargateSizeFunction,
		NewInstanceTypeFunction,
		NewKubeReservedFunction,
		NewMaxPodsFunction,
		NewNodeadmMaxPodsFunction,
		NewMaxPodsExpressionFunction,
		NewNodeIPsFunction,
		NewSubnetMaxNodesFunction,
		NewSubnetUsableIPsFunction,
	}
}
