import { RouteMethods } from './route-methods';

describe('RouteMethods', () => {
  it('lists the methods a concrete path answers', () => {
    const routes = new RouteMethods();
    routes.add('/v1/videos/:id', ['GET', 'HEAD']);
    routes.add('/v1/videos/:id', 'PATCH');
    routes.add('/v1/videos', 'GET');
    expect(routes.allowed('/v1/videos/vid_123')).toEqual(['GET', 'PATCH']);
    expect(routes.allowed('/v1/videos/vid_123/extra')).toEqual([]);
    expect(routes.allowed('/v1/videos')).toEqual(['GET']);
  });
});
