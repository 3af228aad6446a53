// Command terraform-provider-ekssize is the ekssize Terraform provider.
package main

import (
	"flag"
	"log"

	"github.com/ekssize/terraform-provider-ekssize/internal/provider"
	"github.com/ekssize/terraform-provider-ekssize/internal/serve"
)

// version is set by the release build (-ldflags "-X main.version=...").
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	if err := serve.Serve("registry.terraform.io/ekssize/ekssize", provider.New(version), debug); err != nil {
		log.Fatal(err)
	}
}
