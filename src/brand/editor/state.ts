import type * as fabric from 'fabric';
import { geometry, type Geometry } from '../kinds.ts';
import { CUSTOM_PROPS, type DesignDoc } from '../schema.ts';
import type { BindKey, LabelFacts } from '../facts.ts';
import type { StudioMessages, Msg } from './messages.ts';
import type { ActionQueue } from './queue.ts';
import type { StudioApi } from './api.ts';

/** What the page hands the island in `data-init` (JSON). */
export interface StudioInit {
  shop: { slug: string; id: string };
  design: { id: string; kind: 'logo' | 'label' | 'social'; name: string; productId: string | null; version: number };
  doc: DesignDoc;
  facts: LabelFacts;
  missing: string[];
  products: { id: string; name: string }[];
  palette: string[];
  messages: StudioMessages;
  certifications: { halalNumber: string; nib: string };
  factsByProduct: Record<string, LabelFacts>;
  /** Template layer names in the UI language (a renamed layer shows its own name). */
  layerNames: Record<string, string>;
}

/** A canvas object with the studio's own properties (saved through CUSTOM_PROPS). */
export type Obj = fabric.FabricObject & { name?: string; locked?: boolean; factKey?: BindKey; __page?: boolean };
export const CUSTOM: string[] = [...CUSTOM_PROPS];

/** The studio's mutable state, one object every module reads and writes. */
export interface StudioState {
  design: StudioInit['design'];
  facts: LabelFacts;
  page: DesignDoc['page'];
  background: DesignDoc['background'];
  g: Geometry;
  zoom: number;
  panX: number;
  /** True while a document replaces the canvas: its add/remove events are not edits. */
  loading: boolean;
  /** The serialised document as last saved (or loaded), to tell unsaved changes. */
  savedJson: string;
  guides: { x?: number; y?: number }[];
  renaming: Obj | null;
}

export function createState(init: StudioInit): StudioState {
  return {
    design: init.design,
    facts: init.facts,
    page: init.doc.page,
    background: init.doc.background,
    g: geometry(init.doc.page),
    zoom: 1,
    panX: 0,
    loading: false,
    savedJson: '',
    guides: [],
    renaming: null,
  };
}

/** Views that redraw from the canvas; each module registers its own when it is set up. */
export interface Views {
  layers(): void;
  props(): void;
  missing(): void;
  /** Reload the version history if its panel is open. */
  versions(): void;
}

/** What every module of the studio shares. */
export interface Studio {
  root: HTMLElement;
  init: StudioInit;
  state: StudioState;
  canvas: fabric.Canvas;
  api: StudioApi;
  queue: ActionQueue;
  msg: Msg;
  $<T extends HTMLElement>(sel: string): T | null;
  setStatus(text: string): void;
  views: Views;
}
