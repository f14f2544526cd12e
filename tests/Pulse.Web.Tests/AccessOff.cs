// Feature tests run with access control off; access has its own tests (see AccessOffForFeatureTests).
[assembly: AssemblyFixture(typeof(Pulse.Testing.Access.AccessOffForFeatureTests))]
