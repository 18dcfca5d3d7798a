/**
 * The penguin: vector Graphics drawn once in a 100-unit design box (feet at y = 44) and scaled to
 * the cell, so it stays crisp from 24 to 120 px. It waddles when a move goes as intended, slides
 * with a tilt, wide eyes and ice spray when it slipped, and nudges against walls.
 */
import { Container, Graphics } from 'pixi.js';
import { DIRS, centreX, centreY, sameLayout, type Layout } from './layout';
import type { GridScene } from './scene';

const BODY = 0x1f2c3d;
const OUTLINE = 0x0b1422;
const BELLY = 0xf8fbff;
const ORANGE = 0xf59e0b;
const ORANGE_DARK = 0xc2570c;
const SCARF = 0xe0475b;
const SCARF_DARK = 0xa8283b;
const SPRAY_EDGE = 0x24507a;

/** Milliseconds of each kind of move at full speed. */
const DURATION = { waddle: 150, slide: 230, bump: 170 } as const;
/** Below this a move is not worth animating: the penguin just jumps. */
const MIN_DURATION = 60;
/** Feet baseline in design units: the body pivots here so it rocks on its feet. */
const FEET_Y = 44;

type MoveKind = keyof typeof DURATION;

interface Anim {
  readonly kind: MoveKind;
  readonly fromX: number;
  readonly fromY: number;
  readonly toX: number;
  readonly toY: number;
  /** Screen direction of the move (unit vector). */
  readonly dx: number;
  readonly dy: number;
  readonly surprised: boolean;
  readonly start: number;
  readonly duration: number;
}

const easeInOutSine = (t: number) => 0.5 - Math.cos(Math.PI * t) / 2;
const easeOutCubic = (t: number) => 1 - (1 - t) ** 3;

export class Penguin {
  readonly view = new Container({ label: 'penguin', eventMode: 'none' });
  private readonly shadow = new Graphics();
  private readonly spray = new Graphics();
  private readonly body = new Container();
  private readonly leftFoot = new Graphics();
  private readonly rightFoot = new Graphics();
  private readonly leftFlipper = new Graphics();
  private readonly rightFlipper = new Graphics();
  private readonly face = new Container();
  private readonly eyes = new Graphics();

  private anim: Anim | null = null;
  private layout: Layout | null = null;
  private cell: number | null = null;
  private trailLength = -1;
  private moveKey = '';
  private lastMoveAt = -Infinity;

  constructor() {
    this.view.interactiveChildren = false;
    drawShadow(this.shadow);
    drawFoot(this.leftFoot, -12);
    drawFoot(this.rightFoot, 12);
    drawFlipper(this.leftFlipper, -1);
    drawFlipper(this.rightFlipper, 1);
    this.leftFlipper.position.set(-25, -2);
    this.rightFlipper.position.set(25, -2);
    const torso = new Graphics();
    drawTorso(torso);
    drawEyes(this.eyes);
    this.eyes.position.set(0, -19);
    const beak = new Graphics();
    drawBeak(beak);
    this.face.addChild(this.eyes, beak);

    this.body.pivot.set(0, FEET_Y);
    this.body.position.set(0, FEET_Y);
    this.body.addChild(this.leftFoot, this.rightFoot, this.leftFlipper, this.rightFlipper, torso, this.face);
    this.view.addChild(this.shadow, this.spray, this.body);
    this.view.visible = false;
    this.pose(0, 0, 0);
  }

  /**
   * Follow the scene: start a move animation when a new step arrived, jump otherwise. Returns true
   * while an animation runs (the renderer then keeps a requestAnimationFrame loop going).
   */
  sync(scene: GridScene, l: Layout, now: number, animate: boolean): boolean {
    const target = scene.penguin;
    const n = l.rows * l.cols;
    if (target === null || target < 0 || target >= n || l.cell <= 0) {
      this.view.visible = false;
      this.anim = null;
      this.cell = null;
      return false;
    }
    this.view.visible = true;
    const size = Math.max(l.cell * 0.84, 18);
    this.view.scale.set(size / 100);
    const m = scene.lastMove;
    const moveKey = m ? `${m.from},${m.to},${m.intended},${m.actual}` : '';
    const layoutChanged = !sameLayout(this.layout, l);
    const isNewStep = target !== this.cell || scene.trail.length !== this.trailLength || moveKey !== this.moveKey;
    const prevCell = this.cell;
    this.layout = l;
    this.cell = target;
    this.trailLength = scene.trail.length;
    this.moveKey = moveKey;
    const tx = centreX(l, target);
    const ty = centreY(l, target);

    if (layoutChanged && !isNewStep) {
      this.jump(tx, ty);
      return false;
    }
    if (!isNewStep) return this.anim !== null;

    const sinceLast = now - this.lastMoveAt;
    this.lastMoveAt = now;
    // Only animate a move we saw start: the penguin was on m.from at the previous draw.
    if (!animate || layoutChanged || !m || m.to !== target || m.from !== prevCell || m.actual < 0) {
      this.jump(tx, ty, m && m.actual >= 0 ? m.actual : -1);
      return false;
    }
    const slipped = m.intended >= 0 && m.intended !== m.actual;
    const kind: MoveKind = m.from === m.to ? 'bump' : slipped ? 'slide' : 'waddle';
    // Steps arriving faster than an animation (fast training): shorten, and below a floor jump.
    const duration = Math.min(DURATION[kind], sinceLast * 0.9);
    if (duration < MIN_DURATION) {
      this.jump(tx, ty, m.actual);
      return false;
    }
    const [dx, dy] = DIRS[m.actual];
    // Start where the penguin is drawn now, so a shortened animation never snaps backwards.
    this.anim = { kind, fromX: this.view.x, fromY: this.view.y, toX: tx, toY: ty, dx, dy, surprised: slipped, start: now, duration };
    this.lookToward(dx, dy);
    return this.update(now);
  }

  /** Advance the animation to `now`; returns true while it still runs. */
  update(now: number): boolean {
    const a = this.anim;
    if (!a) return false;
    const t = Math.min(1, Math.max(0, (now - a.start) / a.duration));
    const cell = this.layout?.cell ?? 0;
    this.spray.clear();
    if (a.kind === 'waddle') {
      const e = easeInOutSine(t);
      this.view.position.set(a.fromX + (a.toX - a.fromX) * e, a.fromY + (a.toY - a.fromY) * e);
      const w = Math.sin(t * Math.PI * 2);
      // Rock side to side on alternate feet, with a little hop at each step.
      this.pose(w * 0.2, Math.abs(w) * 5, w);
      this.eyes.scale.y = 1;
    } else if (a.kind === 'slide') {
      const e = easeOutCubic(t);
      this.view.position.set(a.fromX + (a.toX - a.fromX) * e, a.fromY + (a.toY - a.fromY) * e);
      const fade = 1 - t;
      // Lean back against the slide (sideways wobble for vertical slides), flippers out for balance.
      const lean = a.dx !== 0 ? -a.dx * 0.34 : 0.16 * Math.sin(t * Math.PI * 3);
      this.pose(lean * Math.sqrt(fade), 0, 0, 0.9 * fade);
      this.eyes.scale.y = 1 + 0.35 * Math.sqrt(fade);
      drawSpray(this.spray, a.dx, a.dy, t);
    } else {
      // Bump: a short push toward the blocked side and back.
      const k = Math.sin(t * Math.PI);
      this.view.position.set(a.toX + a.dx * cell * 0.14 * k, a.toY + a.dy * cell * 0.14 * k);
      this.pose(a.dx * 0.12 * k, 0, 0, 0.3 * k);
      this.eyes.scale.y = a.surprised ? 1 + 0.35 * k : 1;
    }
    if (t >= 1) {
      this.anim = null;
      this.view.position.set(a.toX, a.toY);
      this.pose(0, 0, 0);
      this.eyes.scale.y = 1;
      this.spray.clear();
      return false;
    }
    return true;
  }

  private jump(x: number, y: number, dir = -1): void {
    this.anim = null;
    this.view.position.set(x, y);
    this.pose(0, 0, 0);
    this.eyes.scale.y = 1;
    this.spray.clear();
    if (dir >= 0) this.lookToward(DIRS[dir][0], DIRS[dir][1]);
  }

  /** Eyes and beak shift a little toward the last move: the penguin looks where it is going. */
  private lookToward(dx: number, dy: number): void {
    this.face.position.set(dx * 3.5, dy * 2.5);
  }

  /**
   * @param tilt body rotation in radians (about the feet)
   * @param hop lift in design units
   * @param step -1..1: which foot is lifted
   * @param flap extra flipper spread in radians
   */
  private pose(tilt: number, hop: number, step: number, flap = 0): void {
    this.body.rotation = tilt;
    this.body.y = FEET_Y - hop;
    this.leftFoot.y = -Math.max(0, step) * 4;
    this.rightFoot.y = -Math.max(0, -step) * 4;
    const spread = 0.22 + flap + Math.abs(step) * 0.15;
    this.leftFlipper.rotation = spread;
    this.rightFlipper.rotation = -spread;
    // The shadow stays on the ice and shrinks as the penguin hops.
    this.shadow.scale.set(1 - hop * 0.03, 1);
  }
}

function drawShadow(g: Graphics): void {
  g.ellipse(0, FEET_Y + 2, 30, 6.5).fill({ color: 0x0b2440, alpha: 0.2 });
}

function drawFoot(g: Graphics, x: number): void {
  g.ellipse(x, FEET_Y, 10.5, 5.2).fill(ORANGE).stroke({ width: 1.6, color: ORANGE_DARK });
  // Two toe creases.
  g.moveTo(x - 3, FEET_Y + 1).lineTo(x - 3, FEET_Y + 4.5);
  g.moveTo(x + 3, FEET_Y + 1).lineTo(x + 3, FEET_Y + 4.5);
  g.stroke({ width: 1.2, color: ORANGE_DARK, cap: 'round' });
}

/** Flipper in local coordinates with the shoulder at the origin; side -1 left, 1 right. */
function drawFlipper(g: Graphics, side: number): void {
  g.moveTo(0, -2)
    .bezierCurveTo(side * 9, 2, side * 12, 18, side * 7, 30)
    .bezierCurveTo(side * 3, 24, -side * 2, 12, 0, -2)
    .fill(BODY)
    .stroke({ width: 2, color: OUTLINE, join: 'round' });
}

function drawTorso(g: Graphics): void {
  // Egg-shaped body, narrower at the head.
  g.moveTo(0, -41)
    .bezierCurveTo(21, -41, 31, -12, 31, 12)
    .bezierCurveTo(31, 34, 18, 45, 0, 45)
    .bezierCurveTo(-18, 45, -31, 34, -31, 12)
    .bezierCurveTo(-31, -12, -21, -41, 0, -41)
    .fill(BODY)
    .stroke({ width: 2.6, color: OUTLINE, join: 'round' });
  // Tuft on top of the head.
  g.moveTo(-3, -40).quadraticCurveTo(0, -49, 7, -46).stroke({ width: 3, color: BODY, cap: 'round' });
  // White face (two lobes, the classic heart mask) flowing into the belly.
  g.circle(-9.5, -19, 11.5).fill(BELLY);
  g.circle(9.5, -19, 11.5).fill(BELLY);
  g.ellipse(0, -9, 14, 10).fill(BELLY);
  g.moveTo(0, -6)
    .bezierCurveTo(16, -6, 23, 10, 23, 22)
    .bezierCurveTo(23, 36, 12, 42, 0, 42)
    .bezierCurveTo(-12, 42, -23, 36, -23, 22)
    .bezierCurveTo(-23, 10, -16, -6, 0, -6)
    .fill(BELLY);
  // Cheeks.
  g.ellipse(-16, -10, 4, 2.5).fill({ color: 0xff8fa3, alpha: 0.6 });
  g.ellipse(16, -10, 4, 2.5).fill({ color: 0xff8fa3, alpha: 0.6 });
  // Scarf: a warm accent that reads on blue ice and on every heatmap colour.
  g.moveTo(-27, -3)
    .quadraticCurveTo(0, 6, 27, -3)
    .lineTo(26, 5)
    .quadraticCurveTo(0, 14, -26, 5)
    .closePath()
    .fill(SCARF)
    .stroke({ width: 1.4, color: SCARF_DARK, join: 'round' });
  g.poly([12, 6, 20, 4, 23, 21, 15, 22]).fill(SCARF).stroke({ width: 1.4, color: SCARF_DARK, join: 'round' });
}

/** Eyes around their own origin, so scaling them vertically makes them "wide" without moving. */
function drawEyes(g: Graphics): void {
  for (const x of [-8.5, 8.5]) {
    g.ellipse(x, 0, 4.2, 4.6).fill(OUTLINE);
    g.circle(x + 1.4, -1.6, 1.6).fill(0xffffff);
  }
}

function drawBeak(g: Graphics): void {
  g.moveTo(-6.5, -12.5)
    .quadraticCurveTo(0, -14.5, 6.5, -12.5)
    .lineTo(0, -4)
    .closePath()
    .fill(ORANGE)
    .stroke({ width: 1.3, color: ORANGE_DARK, join: 'round' });
}

/** Ice spray from the feet and speed lines behind a slide, fading as it slows (t: 0..1). */
function drawSpray(g: Graphics, dx: number, dy: number, t: number): void {
  const fade = 1 - t;
  if (fade <= 0) return;
  const bx = -dx;
  const by = -dy;
  const px = -dy;
  const py = dx;
  // Speed lines behind the body: white on a soft dark edge, readable on ice and on dark heat.
  for (const o of [-16, 0, 16]) {
    const len = 8 + 30 * fade;
    const sx = bx * 34 + px * o;
    const sy = by * 34 + py * o + (dy === 0 ? 8 : 0);
    g.moveTo(sx, sy).lineTo(sx + bx * len, sy + by * len);
  }
  g.stroke({ width: 6, color: SPRAY_EDGE, alpha: 0.45 * fade, cap: 'round' });
  for (const o of [-16, 0, 16]) {
    const len = 8 + 30 * fade;
    const sx = bx * 34 + px * o;
    const sy = by * 34 + py * o + (dy === 0 ? 8 : 0);
    g.moveTo(sx, sy).lineTo(sx + bx * len, sy + by * len);
  }
  g.stroke({ width: 3, color: 0xffffff, alpha: 0.95 * fade, cap: 'round' });
  // Ice chips kicked up from the feet: they fly back and up, then fall.
  // Start beside the feet, on the trailing side, so the chips are not hidden behind the body.
  const fx = bx * 24;
  const fy = FEET_Y - 2 + by * 14;
  for (let k = 0; k < 7; k++) {
    const spread = (k - 3) * 0.3;
    const c = Math.cos(spread);
    const s = Math.sin(spread);
    const vx = bx * c - by * s;
    const vy = bx * s + by * c;
    const d = 6 + 30 * t * (0.6 + 0.08 * k);
    const lift = 14 * Math.sin(Math.min(1, t * 1.4) * Math.PI) * (0.5 + 0.15 * (k % 3));
    const r = 3.6 - 1.6 * t + (k % 2) * 1.1;
    g.circle(fx + vx * d, fy + vy * d - lift, Math.max(0.8, r));
  }
  g.fill({ color: 0xffffff, alpha: fade }).stroke({ width: 1.2, color: SPRAY_EDGE, alpha: 0.7 * fade });
}
