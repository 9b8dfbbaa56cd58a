// HTTP from the host: get_url (download to a file) and uri (a request and its response).
import type { Module } from '../types.js';
import { getUrlModule } from './get_url.js';
import { uriModule } from './uri.js';

/** The net modules. */
export const netModules: Module[] = [getUrlModule, uriModule];
