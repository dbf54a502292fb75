// cdktf's jest matchers (toHaveResourceWithProperties, ...), which take snake_case keys.
import { Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';

Testing.setupJest();
