package main

import (
	"context"
	"syscall"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// BenchmarkRead is the floor for internal/provider's BenchmarkRead*: the same
// protocol calls (ValidateDataResourceConfig, then ReadDataSource) against a
// framework data source with one input and one constant output.
func BenchmarkRead(b *testing.B) {
	ctx := context.Background()
	srv, err := providerserver.NewProtocol6WithError(func() provider.Provider { return noopProvider{} }())()
	if err != nil {
		b.Fatal(err)
	}
	schemas, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		b.Fatal(err)
	}
	typ := schemas.DataSourceSchemas["noop_value"].ValueType().(tftypes.Object)
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, map[string]tftypes.Value{
		"key":   tftypes.NewValue(tftypes.String, "m5.large"),
		"value": tftypes.NewValue(tftypes.Number, nil),
	}))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		v, err := srv.ValidateDataResourceConfig(ctx, &tfprotov6.ValidateDataResourceConfigRequest{TypeName: "noop_value", Config: &dv})
		if err != nil || len(v.Diagnostics) > 0 {
			b.Fatalf("validate: %v %v", err, v.Diagnostics)
		}
		r, err := srv.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: "noop_value", Config: &dv})
		if err != nil || len(r.Diagnostics) > 0 {
			b.Fatalf("read: %v %v", err, r.Diagnostics)
		}
	}
	b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
}

func processCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
