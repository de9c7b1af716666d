/**
 * Thousands of vehicles on one canvas instead of thousands of DOM markers: each frame draws the
 * vehicles in view (an arrow along the heading when moving, a dot otherwise, in the status colour),
 * or, zoomed out, supercluster's clusters with their counts. Redraws are coalesced to one per
 * animation frame, whatever triggered them (new positions, a pan, a zoom).
 */
import L from 'leaflet';
import Supercluster, { type PointFeature } from 'supercluster';

export interface CanvasVehicle {
  id: string;
  lat: number;
  lon: number;
  /** Degrees, -1 unknown. */
  course: number;
  color: string;
  moving: boolean;
}

export interface VehicleSource {
  /** Changes whenever the vehicles do. */
  version(): number;
  each(visit: (v: CanvasVehicle) => void): void;
}

/** Below this zoom, vehicles are clustered. */
export const CLUSTER_BELOW_ZOOM = 12;
const HIT_PX = 12;

export class VehicleCanvasLayer extends L.Layer {
  private canvas: HTMLCanvasElement | null = null;
  private frame = 0;
  private index: Supercluster | null = null;
  private indexVersion = -1;
  private drawn: { id: string; x: number; y: number }[] = [];
  private clusters: { id: number; x: number; y: number; r: number }[] = [];
  selected: string | null = null;

  constructor(
    private readonly source: VehicleSource,
    private readonly onSelect: (id: string) => void,
    private readonly label: (id: string) => string,
  ) {
    super();
  }

  override onAdd(map: L.Map): this {
    const canvas = L.DomUtil.create('canvas', 'vehicle-canvas leaflet-zoom-hide') as HTMLCanvasElement;
    canvas.style.position = 'absolute';
    canvas.style.pointerEvents = 'none';
    map.getPanes().overlayPane.appendChild(canvas);
    this.canvas = canvas;
    map.on('move zoom resize viewreset zoomend moveend', this.schedule, this);
    map.on('click', this.click, this);
    this.schedule();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off('move zoom resize viewreset zoomend moveend', this.schedule, this);
    map.off('click', this.click, this);
    cancelAnimationFrame(this.frame);
    this.canvas?.remove();
    this.canvas = null;
    return this;
  }

  /** Draw again at the next frame (new data, a new selection). */
  schedule(): void {
    if (this.frame || !this.canvas) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(): void {
    const map = this._map;
    const canvas = this.canvas;
    if (!map || !canvas) return;
    const size = map.getSize();
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== size.x * ratio || canvas.height !== size.y * ratio) {
      canvas.width = size.x * ratio;
      canvas.height = size.y * ratio;
      canvas.style.width = `${size.x}px`;
      canvas.style.height = `${size.y}px`;
    }
    L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, size.x, size.y);
    this.drawn = [];
    this.clusters = [];
    const zoom = map.getZoom();
    const bounds = map.getBounds().pad(0.05);
    if (zoom < CLUSTER_BELOW_ZOOM) this.drawClusters(ctx, map, bounds, zoom);
    else this.drawVehicles(ctx, map, bounds, zoom);
  }

  private drawVehicles(
    ctx: CanvasRenderingContext2D,
    map: L.Map,
    bounds: L.LatLngBounds,
    zoom: number,
  ): void {
    const south = bounds.getSouth();
    const north = bounds.getNorth();
    const west = bounds.getWest();
    const east = bounds.getEast();
    // `each` may hand out one reused object: keep the selected vehicle's id, not the object.
    let selected: { id: string; x: number; y: number } | null = null;
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = '#ffffff';
    this.source.each((v) => {
      if (v.lat < south || v.lat > north || v.lon < west || v.lon > east) return;
      const p = map.latLngToContainerPoint([v.lat, v.lon]);
      this.drawn.push({ id: v.id, x: p.x, y: p.y });
      if (v.id === this.selected) selected = { id: v.id, x: p.x, y: p.y };
      drawVehicle(ctx, p.x, p.y, v, zoom >= 15 ? 1.25 : 1);
    });
    if (selected) {
      const { id, x, y } = selected as { id: string; x: number; y: number };
      ctx.beginPath();
      ctx.arc(x, y, 14, 0, Math.PI * 2);
      ctx.strokeStyle = '#1d2733';
      ctx.lineWidth = 2.5;
      ctx.stroke();
      const text = this.label(id);
      ctx.font = '600 12px system-ui, sans-serif';
      const w = ctx.measureText(text).width + 10;
      ctx.fillStyle = 'rgba(29,39,51,0.9)';
      ctx.fillRect(x + 16, y - 10, w, 20);
      ctx.fillStyle = '#fff';
      ctx.fillText(text, x + 21, y + 4);
    }
  }

  private drawClusters(
    ctx: CanvasRenderingContext2D,
    map: L.Map,
    bounds: L.LatLngBounds,
    zoom: number,
  ): void {
    const version = this.source.version();
    if (!this.index || this.indexVersion !== version) {
      const points: PointFeature<{ id: string; color: string; course: number; moving: boolean }>[] = [];
      this.source.each((v) =>
        points.push({
          type: 'Feature',
          properties: { id: v.id, color: v.color, course: v.course, moving: v.moving },
          geometry: { type: 'Point', coordinates: [v.lon, v.lat] },
        }),
      );
      this.index = new Supercluster({ radius: 48, maxZoom: CLUSTER_BELOW_ZOOM - 1 });
      this.index.load(points);
      this.indexVersion = version;
    }
    const features = this.index.getClusters(
      [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()],
      Math.floor(zoom),
    );
    for (const f of features) {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      const p = map.latLngToContainerPoint([lat, lon]);
      const props = f.properties as {
        cluster?: boolean;
        cluster_id?: number;
        point_count?: number;
        id?: string;
        color?: string;
        course?: number;
        moving?: boolean;
      };
      if (props.cluster) {
        const n = props.point_count!;
        const r = 12 + Math.min(18, Math.log2(n) * 3);
        ctx.beginPath();
        ctx.arc(p.x, p.y, r, 0, Math.PI * 2);
        ctx.fillStyle = 'rgba(47,125,225,0.85)';
        ctx.fill();
        ctx.lineWidth = 3;
        ctx.strokeStyle = 'rgba(255,255,255,0.8)';
        ctx.stroke();
        ctx.fillStyle = '#fff';
        ctx.font = '700 12px system-ui, sans-serif';
        ctx.textAlign = 'center';
        ctx.fillText(String(n), p.x, p.y + 4);
        ctx.textAlign = 'start';
        this.clusters.push({ id: props.cluster_id!, x: p.x, y: p.y, r });
      } else {
        ctx.lineWidth = 1.5;
        ctx.strokeStyle = '#fff';
        drawVehicle(
          ctx,
          p.x,
          p.y,
          { id: props.id!, lat, lon, color: props.color!, course: props.course!, moving: props.moving! },
          1,
        );
        this.drawn.push({ id: props.id!, x: p.x, y: p.y });
      }
    }
  }

  private click(e: L.LeafletMouseEvent): void {
    const { x, y } = e.containerPoint;
    const cluster = this.clusters.find((c) => Math.hypot(c.x - x, c.y - y) <= c.r);
    if (cluster && this.index && this._map) {
      this._map.setView(
        e.latlng,
        Math.max(this.index.getClusterExpansionZoom(cluster.id), CLUSTER_BELOW_ZOOM),
      );
      return;
    }
    let best: { id: string; d: number } | null = null;
    for (const v of this.drawn) {
      const d = Math.hypot(v.x - x, v.y - y);
      if (d <= HIT_PX && (!best || d < best.d)) best = { id: v.id, d };
    }
    if (best) this.onSelect(best.id);
  }
}

function drawVehicle(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  v: CanvasVehicle,
  scale: number,
): void {
  ctx.fillStyle = v.color;
  ctx.beginPath();
  if (v.moving && v.course >= 0) {
    const a = (v.course * Math.PI) / 180;
    const s = 8 * scale;
    // An arrow with its nose up, turned to the heading (clockwise from north).
    const at = (dx: number, dy: number): [number, number] => [
      x + dx * Math.cos(a) - dy * Math.sin(a),
      y + dx * Math.sin(a) + dy * Math.cos(a),
    ];
    ctx.moveTo(...at(0, -s));
    ctx.lineTo(...at(0.7 * s, 0.75 * s));
    ctx.lineTo(...at(0, 0.35 * s));
    ctx.lineTo(...at(-0.7 * s, 0.75 * s));
    ctx.closePath();
  } else ctx.arc(x, y, 5.5 * scale, 0, Math.PI * 2);
  ctx.fill();
  ctx.stroke();
}
