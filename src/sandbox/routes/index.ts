// The sandbox's route table. To add endpoints, write a module exporting `routes: Route[]` and
// list it here (see the comment at the top of ../server.ts).
import type { Route } from '../http/types';
import { routes as activity } from './activity';
import { routes as adminContent } from './admin-content';
import { routes as adminControl } from './admin-control';
import { routes as adminDms } from './admin-dms';
import { routes as adminPrices } from './admin-prices';
import { routes as dms } from './dms';
import { routes as engagement } from './engagement';
import { routes as oauth } from './oauth';
import { routes as search } from './search';
import { routes as stream } from './stream';
import { routes as timelines } from './timelines';
import { routes as tweets } from './tweets';
import { routes as usage } from './usage';
import { routes as users } from './users';

export const ROUTES: readonly Route[] = [...users, ...tweets, ...timelines, ...search, ...stream, ...adminContent, ...adminControl, ...engagement, ...dms, ...adminDms, ...adminPrices, ...usage, ...oauth, ...activity];
