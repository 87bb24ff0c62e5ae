/**
 * Stands in for phaser/src/gameobjects/components/FilterList.js, which pulls in every filter (blur, glow, bokeh,
 * colour matrix, …). Filters draw only with the WebGL renderer; the table draws with Canvas and adds none. Each
 * camera still holds two lists (`camera.filters.internal/external`) that Camera reads and destroys, so the list
 * itself stays; the `addBlur()`-style makers are gone.
 */
function FilterList(camera) {
  this.camera = camera;
  this.list = [];
}

FilterList.prototype.clear = function () {
  for (var i = 0; i < this.list.length; i++) {
    if (!this.list[i].ignoreDestroy) this.list[i].destroy();
  }
  this.list.length = 0;
  return this;
};
FilterList.prototype.add = function (filter, index) {
  if (index === undefined) this.list.push(filter);
  else this.list.splice(index, 0, filter);
  return filter;
};
FilterList.prototype.remove = function (filter, forceDestroy) {
  var index = this.list.indexOf(filter);
  if (index !== -1) {
    this.list.splice(index, 1);
    if (!filter.ignoreDestroy || forceDestroy) filter.destroy();
  }
  return this;
};
FilterList.prototype.getActive = function () {
  return this.list.filter(function (filter) { return filter.active; });
};
FilterList.prototype.destroy = function () {
  this.clear();
  this.camera = null;
};

module.exports = FilterList;
