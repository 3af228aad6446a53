// Command terraform-provider-ekssize is the ekssize Terraform provider.
package main

import (
	"flag"
	"log"
)

// version is set by the release build (-ldflags "-X main.version=...").
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()
	quiet := !debug && quietSDKLogs()

	err := serve(debug, quiet)
	if err != nil {
		log.Fatal(err)
	}
}
