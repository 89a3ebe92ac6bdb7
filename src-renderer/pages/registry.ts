// Section id → page component. A section without a page here shows NotBuilt.
import type { ComponentType } from 'react';
import { ConnectPage } from './ConnectPage';

export const PAGES: Partial<Record<string, ComponentType>> = {
  connect: ConnectPage,
};
