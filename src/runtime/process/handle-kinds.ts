/**
 * Importing this module registers every handle kind, so a worker can rebuild any primitive it
 * is sent. Add one line per module that calls `registerHandleKind`.
 */
import '../sync/lock';
import '../sync/rlock';
import '../sync/semaphore';
import '../sync/event';
import '../sync/condition';
import '../sync/barrier';
import '../shared/value';
import '../shared/shared-array';
import '../messaging/queue';
import '../messaging/simple-queue';
import '../messaging/joinable-queue';
import '../messaging/pipe';
import '../manager/proxies';
