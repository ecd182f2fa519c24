// Adds cdktf's jest matchers (toHaveResourceWithProperties, ...) to expect.
import { Testing } from 'cdktf';

Testing.setupJest();
