// Adds cdktf's jest matchers (toHaveResourceWithProperties, ...) to expect, and their types.
import { Testing } from 'cdktf';
import type {} from 'cdktf/lib/testing/adapters/jest.js';

Testing.setupJest();
