package provider

import (
	"context"
	"syscall"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

// These benchmarks drive the provider through the same protocol calls
// Terraform makes for one data source instance during a plan
// (ValidateDataResourceConfig, then ReadDataSource), with msgpack-encoded
// configurations as Terraform sends them. They measure what one read costs
// the provider process, framework included; scripts/bench.sh compares the
// whole command against a no-op provider.

func benchServer(b *testing.B) (tfprotov6.ProviderServer, map[string]*tfprotov6.Schema) {
	b.Helper()
	ctx := context.Background()
	srv, err := providerserver.NewProtocol6WithError(New("bench")())()
	if err != nil {
		b.Fatal(err)
	}
	resp, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(resp.Diagnostics) > 0 {
		b.Fatalf("GetProviderSchema: %v %v", err, resp.Diagnostics)
	}
	if _, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{
		Config: dynamicValue(b, resp.Provider, nil),
	}); err != nil {
		b.Fatal(err)
	}
	return srv, resp.DataSourceSchemas
}

// dynamicValue encodes an object of the schema's type with the given
// attributes set and every other attribute null, as Terraform sends a config.
func dynamicValue(b *testing.B, s *tfprotov6.Schema, set map[string]tftypes.Value) *tfprotov6.DynamicValue {
	b.Helper()
	typ := s.ValueType().(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, t := range typ.AttributeTypes {
		if v, ok := set[name]; ok {
			vals[name] = v
		} else {
			vals[name] = tftypes.NewValue(t, nil)
		}
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, vals))
	if err != nil {
		b.Fatal(err)
	}
	return &dv
}

func benchRead(b *testing.B, typeName string, set map[string]tftypes.Value) {
	ctx := context.Background()
	srv, schemas := benchServer(b)
	config := dynamicValue(b, schemas[typeName], set)
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		v, err := srv.ValidateDataResourceConfig(ctx, &tfprotov6.ValidateDataResourceConfigRequest{TypeName: typeName, Config: config})
		if err != nil || len(v.Diagnostics) > 0 {
			b.Fatalf("validate: %v %v", err, v.Diagnostics)
		}
		r, err := srv.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: typeName, Config: config})
		if err != nil || len(r.Diagnostics) > 0 {
			b.Fatalf("read: %v %v", err, r.Diagnostics)
		}
	}
	// CPU time of the whole process (garbage collection included) per read:
	// steadier than ns/op when other work shares the machine.
	b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
}

// processCPU is the user+system CPU time this process has used, in ns.
func processCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func BenchmarkReadMaxPods(b *testing.B) {
	benchRead(b, "ekssize_max_pods", map[string]tftypes.Value{
		"instance_type": tftypes.NewValue(tftypes.String, "m5.large"),
		"cap_policy":    tftypes.NewValue(tftypes.String, "none"),
	})
}

func BenchmarkReadMaxPodsBatch200(b *testing.B) {
	names := ec2dataNames(200)
	list := make([]tftypes.Value, len(names))
	for i, n := range names {
		list[i] = tftypes.NewValue(tftypes.String, n)
	}
	benchRead(b, "ekssize_max_pods", map[string]tftypes.Value{
		"instance_types": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, list),
		"cap_policy":     tftypes.NewValue(tftypes.String, "none"),
	})
}

func BenchmarkReadInstanceType(b *testing.B) {
	benchRead(b, "ekssize_instance_type", map[string]tftypes.Value{
		"instance_type": tftypes.NewValue(tftypes.String, "m5.large"),
	})
}

// ec2dataNames is n instance types spread over the embedded table.
func ec2dataNames(n int) []string {
	all := ec2data.MustDefault().Names()
	out := make([]string, n)
	for i := range out {
		out[i] = all[i*len(all)/n]
	}
	return out
}

func BenchmarkReadSubnetCapacity(b *testing.B) {
	// subnets is checked by name (a dynamic attribute): Terraform sends
	// [{ cidr_block = "10.0.0.0/16" }] as written, a tuple of one object.
	subnetTyp := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"cidr_block": tftypes.String}}
	subnet := tftypes.NewValue(subnetTyp, map[string]tftypes.Value{"cidr_block": tftypes.NewValue(tftypes.String, "10.0.0.0/16")})
	benchRead(b, "ekssize_subnet_capacity", map[string]tftypes.Value{
		"instance_type": tftypes.NewValue(tftypes.String, "m5.large"),
		"cap_policy":    tftypes.NewValue(tftypes.String, "none"),
		"node_count":    tftypes.NewValue(tftypes.Number, 3),
		"subnets":       tftypes.NewValue(tftypes.Tuple{ElementTypes: []tftypes.Type{subnetTyp}}, []tftypes.Value{subnet}),
	})
}
